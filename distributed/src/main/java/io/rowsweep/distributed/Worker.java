package io.rowsweep.distributed;

import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.distributed.internal.JoinedRun;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins a job that another process started with the {@code distributed} setting
 * ({@code validate/update ... --distributed}) and works on its chunks until the run has no work
 * left: the Java side of {@code rowsweep worker --url ... --job NAME [--workers N]}.
 *
 * <pre>{@code
 * WorkerSummary summary = Worker.join(dataSource).job("fix-fees").workers(4).run();
 * System.exit(summary.exitCode());
 * }</pre>
 *
 * <p>The worker reads the job's spec from the job state and rebuilds the job (rules, entity
 * classes, SQL, fix class) as the starting process did, so every host needs the same rowsweep
 * modules and, for class paths named in the job, the same jars at the same place. It runs with
 * the engine settings of the process that started the run; only its own workers are its own.
 * Any number of workers on any hosts may join, and may come and go: a worker that dies
 * ({@code kill -9}, machine lost) has the chunks it held redone by the others once it missed four
 * heartbeats; what it committed stays committed. Interrupting the thread running {@link #run()}
 * stops the worker gracefully (its running chunks finish), a second time at once (they roll back
 * and are redone by others).
 *
 * <p>With a HikariCP pool, its maximum size must be at least workers + 3 (one connection per
 * worker, three for db-scheduler's polling and heartbeats and for watching the job).
 * Immutable: each method returns a changed copy, checking its argument at once.
 */
public final class Worker {

    private final DataSource dataSource;
    private final SettingValues values;
    private final List<ProgressListener> listeners;
    private final Clock clock;

    private Worker(DataSource dataSource, SettingValues values, List<ProgressListener> listeners, Clock clock) {
        this.dataSource = dataSource;
        this.values = values;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** A worker for a job in the database behind {@code dataSource}; name the job with {@link #job}. */
    public static Worker join(DataSource dataSource) {
        return new Worker(Objects.requireNonNull(dataSource, "dataSource"), SettingValues.defaults(), List.of(), Clock.systemUTC());
    }

    /** The job to join, as started with {@code --job NAME} (or its derived name, shown when it started). Required. */
    public Worker job(String name) {
        return with(SweepSettings.JOB, name);
    }

    /** Chunks this worker runs at once, each on its own connection. Default: the number of available processors. */
    public Worker workers(int workers) {
        return with(SweepSettings.WORKERS, workers);
    }

    /** Schema (MySQL/MariaDB: database) of the job state. Default: the connection's current schema. */
    public Worker stateSchema(String schema) {
        return with(SweepSettings.STATE_SCHEMA, schema);
    }

    /** How long to wait for the job to be started or resumed with {@code --distributed}. Default: 1 min. */
    public Worker joinTimeout(Duration timeout) {
        return with(WorkerSettings.JOIN_TIMEOUT, timeout);
    }

    /** Receives this worker's progress (the whole run's, read from the job state) and each chunk it finishes. */
    public Worker listener(ProgressListener listener) {
        List<ProgressListener> all = new ArrayList<>(listeners);
        all.add(Objects.requireNonNull(listener, "listener"));
        return new Worker(dataSource, values, all, clock);
    }

    /** The clock of timestamps in the job state and progress. Default: the system clock (UTC). */
    public Worker clock(Clock clock) {
        return new Worker(dataSource, values, listeners, Objects.requireNonNull(clock, "clock"));
    }

    /** Any setting of {@link WorkerSettings#ALL} by its declaration, checked now; null resets it. Others are usage errors. */
    public <T> Worker with(Setting<T> setting, T value) {
        if (!WorkerSettings.ALL.contains(setting)) {
            throw RowSweepException.usage("'" + setting.name() + "' is not a setting of worker; a worker takes the settings of the"
                    + " process that started the run. Its own settings are " + WorkerSettings.ALL + ".");
        }
        return new Worker(dataSource, values.with(setting, value), listeners, clock);
    }

    /** Sets every value given explicitly in {@code values} (the CLI's flags, environment and properties, merged). */
    public Worker with(SettingValues values) {
        Worker w = this;
        for (Map.Entry<Setting<?>, Object> e : values.explicit().entrySet()) {
            w = w.withUnchecked(e.getKey(), e.getValue());
        }
        return w;
    }

    @SuppressWarnings("unchecked")
    private <T> Worker withUnchecked(Setting<T> setting, Object value) {
        return with(setting, (T) value);
    }

    public SettingValues settings() {
        return values;
    }

    /**
     * Makes sure the job has finished, for code that relies on its work (a later schema migration,
     * before it adds a NOT NULL constraint): returns at once when the job completed; when it is
     * queued or running, runs its remaining chunks here as a worker of the run (the same
     * exactly-once chunks as every other worker) until it has no work left, then returns if it
     * completed. Chunks held by a worker that died are taken over once it missed four heartbeats
     * (4 x the run's heartbeat-interval, default 5 s: 20 s), so a dead worker delays this by at
     * most that. Does not wait for the join timeout.
     *
     * @throws RowSweepException {@code CONFIGURATION} when there is no such job; {@code RUN_FAILED} when it failed (chunks
     *                           failed) or was stopped, naming its first failed chunk; {@code INTERRUPTED} when this thread
     *                           was interrupted
     */
    public WorkerSummary ensureFinished() {
        if (values.get(SweepSettings.JOB) == null) {
            throw RowSweepException.usage("No job to finish: give its name (API: job(\"name\")), as it was queued.");
        }
        if (values.get(SweepSettings.WORKERS) < 1) {
            throw RowSweepException.usage("workers is 0: finishing a job needs at least 1 to run its chunks.");
        }
        return JoinedRun.ensureFinished(dataSource, values, listeners, clock);
    }

    /**
     * Joins the run and works until it has no work left, fails, or is stopped (here or by the
     * process that started it). Waits up to the join timeout for the run to be started or resumed.
     *
     * @throws RowSweepException {@code USAGE} without a job name or with 0 workers; {@code CONFIGURATION} when no
     *                           distributed run of the job shows up in time, or its job cannot be rebuilt here;
     *                           {@code CONNECTION} when the database cannot be reached
     */
    public WorkerSummary run() {
        if (values.get(SweepSettings.JOB) == null) {
            throw RowSweepException.usage("No job to join: give --job NAME (API: job(\"name\")), as the job was started with.");
        }
        if (values.get(SweepSettings.WORKERS) < 1) {
            throw RowSweepException.usage("workers is 0: a worker needs at least 1 to run chunks.");
        }
        return JoinedRun.run(dataSource, values, listeners, clock);
    }
}
