package io.rowsweep.core.internal.exec;

import io.rowsweep.core.ChunkFailure;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.TableSummary;
import io.rowsweep.core.internal.state.ChunkTotals;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.JobRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a run's summary from the job state, the source of truth: it counts every process's
 * chunks, and an earlier run's.
 */
final class RunSummaries {

    private final String job;
    private final int run;
    private final String kind;
    /** Per task, its chunk key as the summary describes it ({@link PreparedTasks#keyDescriptions}). */
    private final Map<String, String> keyDescriptions;
    private final Clock clock;

    RunSummaries(String job, int run, String kind, Map<String, String> keyDescriptions, Clock clock) {
        this.job = job;
        this.run = run;
        this.kind = kind;
        this.keyDescriptions = keyDescriptions;
        this.clock = clock;
    }

    /**
     * The summary of a run that ends with {@code status}, as this process ran it.
     *
     * @param tracker the run's progress: the order of its tables, when it started, its workers
     * @param guard   the run's latency guard, for how long it slowed the run; null when it had none
     */
    RunSummary ofRun(Connection c, JobStore store, RunStatus status, boolean resumed, Duration elapsed, ProgressTracker tracker,
                     LatencyGuardThread guard) throws SQLException {
        return summarize(c, store, status, resumed, elapsed, tracker.workerCount(), tracker, guard);
    }

    /**
     * The summary returned when the job completed earlier and is not run again: its tables as
     * the job state holds them, with the completed run's start and length, so the caller can say
     * when it completed.
     */
    RunSummary alreadyDone(Connection c, JobStore store, JobRecord completed) throws SQLException {
        long finishedAt = completed.finishedAt() == null ? completed.heartbeatAt() : completed.finishedAt();
        RunSummary done = summarize(c, store, RunStatus.ALREADY_DONE, false, Duration.ZERO, 0, null, null);
        return new RunSummary(done.job(), done.run(), done.kind(), RunStatus.ALREADY_DONE, false,
                Instant.ofEpochMilli(completed.startedAt()), Duration.ofMillis(Math.max(0, finishedAt - completed.startedAt())), 0,
                done.tables(), done.failures());
    }

    /** @param tracker null before the run is set up (its tables then come from the job state only) */
    private RunSummary summarize(Connection c, JobStore store, RunStatus status, boolean wasResumed, Duration elapsed, int workers,
                                 ProgressTracker tracker, LatencyGuardThread guard) throws SQLException {
        JobTotals totals = JobTotals.read(c, store, job);
        List<TableSummary> tables = new ArrayList<>();
        // The run's tables in its own order, then any other task the job state has chunks of.
        Set<String> tasks = new LinkedHashSet<>();
        if (tracker != null) {
            tracker.snapshot().tables().forEach(tp -> tasks.add(tp.table()));
        }
        tasks.addAll(totals.tasks());
        for (String task : tasks) {
            ChunkTotals done = totals.of(task, ChunkStatus.DONE);
            ChunkTotals failed = totals.of(task, ChunkStatus.FAILED);
            ChunkTotals running = totals.of(task, ChunkStatus.RUNNING);
            tables.add(new TableSummary(task, keyDescriptions.getOrDefault(task, ""), done.rows(), done.affected(), done.problems(),
                    done.chunks() + failed.chunks() + running.chunks(), failed.chunks(), Duration.ofMillis(done.millis())));
        }
        List<ChunkFailure> failures = new ArrayList<>();
        for (ChunkRecord r : store.chunks(c, job)) {
            if (r.status() == ChunkStatus.FAILED) {
                failures.add(new ChunkFailure(r.chunk().table(), r.chunk().number(), r.chunk().range(), r.attempts(), r.error()));
            }
        }
        return new RunSummary(job, run, kind, status, wasResumed, tracker == null ? clock.instant() : tracker.startedAt(),
                elapsed, workers, tables, failures, guard == null ? Map.of() : guard.throttledBy());
    }
}
