package io.rowsweep.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, counted from the job state in the database.
 *
 * @param job      the job's name (given, or derived from its spec)
 * @param run      which run of this job name, from 1
 * @param resumed  whether this run continued an interrupted one
 * @param elapsed  wall time of this process's run
 * @param startedAt when this process's run started; for {@link RunStatus#ALREADY_DONE}, when the completed run started, and
 *                  {@code elapsed} is how long it took, so {@link #completedAt()} says when it completed
 * @param throttled how long the latency guard slowed the run down, by what slowed it ("replica lag", "commit latency",
 *                  "slow start"), in the order they first did
 */
public record RunSummary(String job, int run, String kind, RunStatus status, boolean resumed, Instant startedAt, Duration elapsed,
                         int workers, List<TableSummary> tables, List<ChunkFailure> failures, Map<String, Duration> throttled) {

    public RunSummary {
        tables = List.copyOf(tables);
        failures = List.copyOf(failures);
        throttled = Collections.unmodifiableMap(new LinkedHashMap<>(throttled));
    }

    /** A summary of a run the latency guard never slowed down. */
    public RunSummary(String job, int run, String kind, RunStatus status, boolean resumed, Instant startedAt, Duration elapsed,
                      int workers, List<TableSummary> tables, List<ChunkFailure> failures) {
        this(job, run, kind, status, resumed, startedAt, elapsed, workers, tables, failures, Map.of());
    }

    /** How long the latency guard slowed the run down in all. */
    public Duration throttledFor() {
        return throttled.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** When the run ended, or for {@link RunStatus#ALREADY_DONE} when the earlier run completed. */
    public Instant completedAt() {
        return startedAt.plus(elapsed);
    }

    public long rows() {
        return tables.stream().mapToLong(TableSummary::rows).sum();
    }

    public long affected() {
        return tables.stream().mapToLong(TableSummary::affected).sum();
    }

    public long problems() {
        return tables.stream().mapToLong(TableSummary::problems).sum();
    }

    /** Rows per second of this process's run. */
    public double rowsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : rows() / s;
    }
}
