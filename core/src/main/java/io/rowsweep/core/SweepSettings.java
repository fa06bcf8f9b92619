package io.rowsweep.core;

import java.time.Duration;
import java.util.List;

/**
 * The settings every job has (workers, chunking, throttling, error handling, job state). Each is
 * declared here once; job builders expose them as methods of the same name, the CLI as flags,
 * the environment as {@code ROWSWEEP_*} variables.
 */
public final class SweepSettings {

    /** Default: the number of available processors; 0 only in distributed mode (the process then just watches). */
    public static final Setting<Integer> WORKERS = Setting.integer("workers",
            () -> Runtime.getRuntime().availableProcessors(), 0, 1024,
            "Parallel workers, each with its own database connection; with distributed, 0 makes this process only plan and watch."
                    + " Default: the number of available processors.");

    /**
     * Default: 1 s for jobs that only read; {@link #WRITING_CHUNK_TIME} for jobs that lock rows,
     * where a chunk's time is also the longest an application waits for one of its rows.
     */
    public static final Setting<Duration> CHUNK_TIME = Setting.duration("chunk-time", Duration.ofSeconds(1), Duration.ofMillis(10),
            "Target time of one chunk; chunk sizes adapt toward it, between min-chunk-rows and max-chunk-rows."
                    + " Default: 1s, and 200ms for updates (a chunk holds its rows' locks that long).");

    /** The chunk time of jobs that lock rows (updates) when chunk-time is not given. */
    public static final Duration WRITING_CHUNK_TIME = Duration.ofMillis(200);

    /** Default: 100. */
    public static final Setting<Integer> MIN_CHUNK_ROWS = Setting.integer("min-chunk-rows", 100, 1, Integer.MAX_VALUE,
            "Fewest rows per chunk. Default: 100.");

    /** Default: 50,000; bounds the memory one chunk of an update may use. */
    public static final Setting<Integer> MAX_CHUNK_ROWS = Setting.integer("max-chunk-rows", 50_000, 1, Integer.MAX_VALUE,
            "Most rows per chunk; bounds a chunk's memory and lock time. Default: 50000.");

    /** Default: 1,000. */
    public static final Setting<Integer> INITIAL_CHUNK_ROWS = Setting.integer("initial-chunk-rows", 1_000, 1, Integer.MAX_VALUE,
            "Rows in each table's first chunk, before chunk sizes adapt to chunk-time. Default: 1000.");

    /** Default: 1,000. */
    public static final Setting<Integer> FETCH_SIZE = Setting.integer("fetch-size", 1_000, 1, 1_000_000,
            "Rows fetched per round trip while streaming a chunk (MySQL Connector/J always streams row by row). Default: 1000.");

    /** Default: none, worked out from the heap: see {@link #workerMemory}. */
    public static final Setting<Long> WORKER_MEMORY = Setting.bytes("worker-memory", null, 64 * 1024,
            "Row data one worker holds at once: the rows fetched ahead of the one being processed, and a Java fix's changes"
                    + " until its chunk writes them. Fetch sizes and chunks shrink as rows turn wide to stay under it (never below one"
                    + " row). Default: a quarter of the JVM's heap (-Xmx) shared by the workers, at most 64MB each.");

    /** The most {@link #WORKER_MEMORY} defaults to: beyond it, bigger fetches no longer make a run faster. */
    public static final long MAX_DEFAULT_WORKER_MEMORY = 64L << 20;

    /** The {@link #WORKER_MEMORY} of a run: the setting, or its default for this heap and these workers. */
    public static long workerMemory(SettingValues settings, int workers) {
        Long given = settings.get(WORKER_MEMORY);
        if (given != null) {
            return given;
        }
        long share = Runtime.getRuntime().maxMemory() / 4 / Math.max(1, workers);
        return Math.max(WORKER_MEMORY_FLOOR, Math.min(MAX_DEFAULT_WORKER_MEMORY, share));
    }

    private static final long WORKER_MEMORY_FLOOR = 256 * 1024;

    /** Default: none (the connection's current schema). */
    public static final Setting<String> STATE_SCHEMA = Setting.string("state-schema", null,
            "Schema (MySQL/MariaDB: database) holding the rowsweep_ job state tables. Default: the connection's current schema.");

    /** Default: none (the target database, or a local file when the target is read-only for this user). */
    public static final Setting<String> STATE_URL = Setting.string("state-url", null,
            "JDBC URL of another database to keep the job state in, for validate (an update keeps it in the target, in the"
                    + " transaction of each change). Default: the target database; where the target is read-only (a hot standby, a"
                    + " SELECT-only user), a local file under ~/.rowsweep/state, so the same command resumes on this machine.");

    /**
     * The longest job name: the job state keeps names in 200 characters, and a dry run adds
     * {@code -dry-run} to its job's name.
     */
    public static final int MAX_JOB_NAME = 190;

    /** Default: none, derived from the job's spec. At most {@value #MAX_JOB_NAME} characters. */
    public static final Setting<String> JOB = Setting.string("job", null, MAX_JOB_NAME,
            "Job name (at most " + MAX_JOB_NAME + " characters): re-running a job by name resumes it. Default: derived from what the job"
                    + " does, so re-running the same command resumes.");

    /** Default: false. */
    public static final Setting<Boolean> RESTART = Setting.flag("restart",
            "Discard the saved progress of the job and start it from the beginning.");

    /** Default: 0, unlimited. */
    public static final Setting<Long> MAX_ROWS_PER_SECOND = Setting.longValue("max-rows-per-second", 0, 0,
            "Upper bound on rows processed per second over all workers; 0 means no limit. Default: 0.");

    /** Default: 0. */
    public static final Setting<Duration> PAUSE_BETWEEN_CHUNKS = Setting.duration("pause-between-chunks", Duration.ZERO, Duration.ZERO,
            "Pause of each worker after each chunk, to leave room for the live application. Default: 0s.");

    /** Default: auto (on for updates). */
    public static final Setting<LatencyGuard> LATENCY_GUARD = Setting.choice("latency-guard", LatencyGuard.class, LatencyGuard.AUTO,
            "Slow down while someone else feels the run, looking ten times a second: a replica lagging toward max-replica-lag, a"
                    + " session waiting on rowsweep's locks, other sessions' load past max-load (a pause at critical-load), or,"
                    + " while an application uses the database, a commit latency past 1.5 times its level before the run; full"
                    + " speed when nobody else is there. auto (on for updates, off for validation), on, off. Default: auto.");

    /** Default: auto. */
    public static final Setting<String> REPLICAS = Setting.string("replicas", "auto", 2_000,
            "Replicas whose lag the latency guard watches: auto (PostgreSQL: the physical replicas pg_stat_replication lists;"
                    + " MariaDB/MySQL: those SHOW SLAVE HOSTS lists with a host, reached with the run's own user and password),"
                    + " none, or JDBC URLs separated by commas. Lag is measured with rowsweep's own heartbeat. Default: auto.");

    /** Default: 1 s. */
    public static final Setting<Duration> MAX_REPLICA_LAG = Setting.duration("max-replica-lag", Duration.ofSeconds(1), Duration.ofMillis(100),
            "Replica lag at which the latency guard pauses the run until the lag is back under it; from half of it the run slows"
                    + " down. Default: 1s.");

    /** Default: 0, automatic. */
    public static final Setting<Integer> MAX_LOAD = Setting.integer("max-load", 0, 0, 1_000_000,
            "Other sessions running statements at once above which the latency guard slows the run down (PostgreSQL: active in"
                    + " pg_stat_activity; MariaDB/MySQL: in the process list; rowsweep's own left out); 0: twice their number"
                    + " before the run, plus 2. Default: 0.");

    /** Default: 0, none. */
    public static final Setting<Integer> CRITICAL_LOAD = Setting.integer("critical-load", 0, 0, 1_000_000,
            "Other sessions running statements at once at which the run pauses until they are fewer; 0: never. Default: 0.");

    /** Default: stop. */
    public static final Setting<OnError> ON_ERROR = Setting.choice("on-error", OnError.class, OnError.STOP,
            "What to do when a chunk fails for good: stop (finish running chunks, start no new ones) or skip-chunk (go on). Default: stop.");

    /** Default: 5 min. */
    public static final Setting<Duration> RETRY_DEADLINE = Setting.duration("retry-deadline", Duration.ofMinutes(5), Duration.ZERO,
            "How long a chunk keeps retrying transient errors (connection lost, deadlock, lock timeout, database restarting) before it fails. Default: 5m.");

    /** Default: 5 s. */
    public static final Setting<Duration> LOCK_TIMEOUT = Setting.duration("lock-timeout", Duration.ofSeconds(5), Duration.ofMillis(1),
            "Longest a chunk tries to lock its rows before it rolls back and is retried later; it never holds rows while it waits"
                    + " for another transaction's. Default: 5s.");

    /**
     * Connections a process uses besides one per worker: coordination, heartbeat, boundary
     * prefetch and latency probe; in distributed mode also queue polling. A pool of
     * {@code workers + EXTRA_CONNECTIONS} lets them all run beside the workers (a local run needs
     * at least {@code workers + 1}, a distributed one this many).
     */
    public static final int EXTRA_CONNECTIONS = 3;

    /** Default: 5. */
    public static final Setting<Integer> CONNECTION_HEADROOM = Setting.integer("connection-headroom", 5, 0, 100_000,
            "Connections of the database server left free for the application: before a run, rowsweep reads how many more"
                    + " connections the server accepts and runs fewer workers than asked when it would take these. Default: 5.");

    /** Default: false. */
    public static final Setting<Boolean> DISTRIBUTED = Setting.flag("distributed",
            "Share the job with other processes and machines (rowsweep worker --job NAME): chunks are queued in the database and"
                    + " any process may take them. Needs the rowsweep-distributed module. Default: false.");

    /** Default: 5 s. */
    public static final Setting<Duration> HEARTBEAT_INTERVAL = Setting.duration("heartbeat-interval", Duration.ofSeconds(5),
            Duration.ofMillis(100), "Distributed mode: how often each process confirms the chunks it is running; a process silent for"
                    + " four intervals is considered dead and others redo its chunks. Default: 5s.");

    /** Every engine setting, in the order help texts list them. */
    public static final List<Setting<?>> ALL = List.of(WORKERS, CHUNK_TIME, MIN_CHUNK_ROWS, MAX_CHUNK_ROWS, INITIAL_CHUNK_ROWS,
            FETCH_SIZE, WORKER_MEMORY, JOB, RESTART, STATE_SCHEMA, STATE_URL, MAX_ROWS_PER_SECOND, PAUSE_BETWEEN_CHUNKS, LATENCY_GUARD,
            REPLICAS, MAX_REPLICA_LAG,
            MAX_LOAD, CRITICAL_LOAD, ON_ERROR, RETRY_DEADLINE, LOCK_TIMEOUT,
            CONNECTION_HEADROOM, DISTRIBUTED, HEARTBEAT_INTERVAL);

    private SweepSettings() {
    }
}
