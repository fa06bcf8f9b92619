package io.rowsweep.core;

import java.time.Duration;
import java.util.Map;

/**
 * The settings every job has ({@link SweepSettings}), as builder methods named like the settings.
 * Job builders ({@code Validation}, {@code Update}) extend it, so the engine settings are declared
 * and documented once for all of them.
 *
 * @param <B> the job builder's own type
 */
public abstract class SweepOptions<B extends SweepOptions<B>> {

    /**
     * Sets any setting of this job by its declaration, checked now; {@code null} resets it to its
     * default. A setting the job does not have is a usage error.
     */
    public abstract <T> B with(Setting<T> setting, T value);

    /** The values set so far (explicitly given ones; others have their defaults). */
    public abstract SettingValues settings();

    /** Sets a setting from text, as a CLI flag, environment variable or properties file gives it ({@code 2s}, {@code csv}). */
    public B withText(Setting<?> setting, String text) {
        return withParsed(setting, text);
    }

    /** Sets every value given explicitly in {@code values} (e.g. CLI flags, environment and properties, merged). */
    public B with(SettingValues values) {
        @SuppressWarnings("unchecked")
        B b = (B) this;
        for (Map.Entry<Setting<?>, Object> e : values.explicit().entrySet()) {
            b = withUnchecked(b, e.getKey(), e.getValue());
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static <B extends SweepOptions<B>, T> B withUnchecked(B builder, Setting<T> setting, Object value) {
        return builder.with(setting, (T) value);
    }

    private <T> B withParsed(Setting<T> setting, String text) {
        return with(setting, text == null ? null : setting.parse(text, setting.cliFlag()));
    }

    /**
     * Parallel workers, each with its own connection. Default: the number of available processors.
     * In {@link #distributed} mode, 0 makes this process plan and watch while other processes work.
     */
    public B workers(int workers) {
        return with(SweepSettings.WORKERS, workers);
    }

    /** Target time of one chunk (its transaction); chunk sizes adapt toward it. Default: 1 s, 200 ms for updates. */
    public B chunkTime(Duration chunkTime) {
        return with(SweepSettings.CHUNK_TIME, chunkTime);
    }

    /** Fewest rows per chunk. Default: 100. */
    public B minChunkRows(int rows) {
        return with(SweepSettings.MIN_CHUNK_ROWS, rows);
    }

    /** Most rows per chunk; bounds a chunk's memory and lock time. Default: 50,000. */
    public B maxChunkRows(int rows) {
        return with(SweepSettings.MAX_CHUNK_ROWS, rows);
    }

    /** Rows in each table's first chunk, before sizes adapt. Default: 1,000. */
    public B initialChunkRows(int rows) {
        return with(SweepSettings.INITIAL_CHUNK_ROWS, rows);
    }

    /** Rows fetched per round trip while streaming a chunk. Default: 1,000. */
    public B fetchSize(int rows) {
        return with(SweepSettings.FETCH_SIZE, rows);
    }

    /**
     * Bytes of row data one worker holds at once (rows fetched ahead, a Java fix's pending changes); fetches and
     * chunks shrink as rows turn wide. Default: a quarter of the heap shared by the workers, at most 64 MB each.
     */
    public B workerMemory(long bytes) {
        return with(SweepSettings.WORKER_MEMORY, bytes);
    }

    /** The job's name: running it again resumes it. Default: derived from what the job does. */
    public B job(String name) {
        return with(SweepSettings.JOB, name);
    }

    /** Discard the job's saved progress and start it from the beginning. Default: false. */
    public B restart(boolean restart) {
        return with(SweepSettings.RESTART, restart);
    }

    /** Schema (MySQL/MariaDB: database) of the {@code rowsweep_} job state tables. Default: the connection's current schema. */
    public B stateSchema(String schema) {
        return with(SweepSettings.STATE_SCHEMA, schema);
    }

    /**
     * JDBC URL of another database to keep the job state in (validate only: an update keeps it in
     * the target). Default: the target database, or a local file when the target is read-only.
     */
    public B stateUrl(String url) {
        return with(SweepSettings.STATE_URL, url);
    }

    /** Upper bound on rows per second over all workers; 0 means none. Default: 0. */
    public B maxRowsPerSecond(long rows) {
        return with(SweepSettings.MAX_ROWS_PER_SECOND, rows);
    }

    /** Pause of each worker after each chunk. Default: 0 s. */
    public B pauseBetweenChunks(Duration pause) {
        return with(SweepSettings.PAUSE_BETWEEN_CHUNKS, pause);
    }

    /**
     * Whether to watch the database's commit latency and slow down (lower rate, smaller chunks)
     * while it is above 1.5 times its level before the run. Default: auto, on for updates.
     */
    public B latencyGuard(LatencyGuard guard) {
        return with(SweepSettings.LATENCY_GUARD, guard);
    }

    /** What to do when a chunk fails for good: stop, or skip it and go on. Default: stop. */
    public B onError(OnError onError) {
        return with(SweepSettings.ON_ERROR, onError);
    }

    /** How long a chunk keeps retrying transient errors (lost connection, deadlock, lock timeout). Default: 5 min. */
    public B retryDeadline(Duration deadline) {
        return with(SweepSettings.RETRY_DEADLINE, deadline);
    }

    /**
     * Longest a chunk tries to lock its rows before it rolls back and is retried later, so a job
     * never piles up behind the application's transactions. A chunk locks all its rows up front
     * without waiting; when another transaction holds one, it rolls back at once and tries again
     * after a short pause, so the application never waits on rows rowsweep holds while rowsweep
     * waits for someone else's. Default: 5 s.
     */
    public B lockTimeout(Duration timeout) {
        return with(SweepSettings.LOCK_TIMEOUT, timeout);
    }

    /**
     * Connections of the database server left free for the application. Before a run, rowsweep
     * reads how many more connections the server accepts (PostgreSQL, MariaDB, MySQL) and, when
     * the workers asked for and the run's few own connections would leave fewer than this, runs
     * fewer workers, saying so once in the log. Default: 5.
     */
    public B connectionHeadroom(int connections) {
        return with(SweepSettings.CONNECTION_HEADROOM, connections);
    }

    /**
     * Shares the job with other processes and machines that join it ({@code rowsweep worker --job
     * NAME}, or {@code Worker.join(dataSource).job(NAME).run()}): chunks are queued in the job's
     * database, any process may take one, and a process that dies has its chunks redone by the
     * others. Needs the {@code rowsweep-distributed} module on the class path. Default: false.
     */
    public B distributed(boolean distributed) {
        return with(SweepSettings.DISTRIBUTED, distributed);
    }

    /**
     * Distributed mode: how often each process confirms the chunks it runs; one silent for four
     * intervals is considered dead and its chunks are redone by the others. Default: 5 s.
     */
    public B heartbeatInterval(Duration interval) {
        return with(SweepSettings.HEARTBEAT_INTERVAL, interval);
    }
}
