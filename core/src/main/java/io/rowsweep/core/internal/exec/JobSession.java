package io.rowsweep.core.internal.exec;

import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.plan.ChunkSizer;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.internal.state.ChunkTotals;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.core.state.TableCursorRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * One process's part in a run of a job: its tables resolved and tasks prepared, the job state
 * set up or resumed ({@link #start}) or joined ({@link #join}), and what its chunks are run with.
 * Local workers ({@link SweepEngine}) and the executors of a distributed run (through
 * {@link ClusterRun}) share it, so a chunk is planned, run and checkpointed by the same code
 * whichever process runs it.
 */
public final class JobSession implements ClusterRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobSession.class);

    private final DataSource dataSource;
    private final SettingValues settings;
    /** {@link #settings}, typed. */
    private final RunSettings config;
    private final List<ProgressListener> listeners;
    private final Clock clock;
    private final StopSignal stop;
    private final SweepJob<Object> job;
    private String name;
    /** How long a statement of this process may wait for the database ({@link Connections#networkTimeout}). */
    private final Duration networkTimeout;
    private final String owner = JobIdentity.processId();
    /** The job's tables and tasks, as this process resolved and prepared them. */
    private PreparedTasks preparedTasks;
    private int run;
    /** Workers this process runs: as asked, or fewer when the server has not the connections ({@link ConnectionBudget}). */
    private int workers;
    private boolean resumed;
    private RunSummary alreadyDone;
    private RunContext ctx;
    private List<SweepTask<Object>> tasks;
    private RunReporter reporter;
    private LatencyGuardThread guard;
    private IntSupplier chunkCeiling = () -> Integer.MAX_VALUE;
    private boolean closed;
    private Dialect targetDialect;
    /** Where the job state is kept: the target database unless it is read-only for a job that only reads. */
    private StateLocation state;
    /** Whether a table without statistics is counted for its estimate: not when the run is only queued ({@link #register}). */
    private boolean countWithoutStatistics = true;

    private JobSession(DataSource dataSource, SettingValues settings, List<ProgressListener> listeners, Clock clock, StopSignal stop,
                       SweepJob<?> job, String name) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.config = RunSettings.of(settings);
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.stop = stop;
        this.job = erased(job);
        this.name = name;
        this.networkTimeout = Connections.networkTimeout(config.retryDeadline(), config.lockTimeout(),
                config.chunkTime());
    }

    /** The engine hands a job's chunk output from its processors to its sink without looking at it: one type does for all. */
    @SuppressWarnings("unchecked")
    private static SweepJob<Object> erased(SweepJob<?> job) {
        return (SweepJob<Object>) job;
    }

    /**
     * Starts or resumes a run of {@code job} in this process, the one that plans it: checks its
     * configuration against the database, then creates or resumes its job state. When the job
     * already completed and must not run again, the session is over at once ({@link #alreadyDone()}).
     */
    static JobSession start(DataSource dataSource, SettingValues settings, List<ProgressListener> listeners, Clock clock,
                            SweepJob<?> job, StopSignal stop) {
        String named = settings.get(SweepSettings.JOB);
        JobSession s = new JobSession(dataSource, settings, listeners, clock, stop, job, named);
        RunSettings config = s.config;
        try (Connection c = Connections.borrow(dataSource, s.networkTimeout)) {
            c.setAutoCommit(false);
            Dialect dialect = Dialects.detect(c);
            s.targetDialect = dialect;
            List<SweepTask<Object>> prepared = s.prepare(c, dialect).tasks();
            String hash = s.preparedTasks.identityHash(s.job, dialect);
            c.rollback(); // preparation only read
            s.workers = ConnectionBudget.workers(dataSource, config.workers(),
                    config.connectionHeadroom(), SweepSettings.EXTRA_CONNECTIONS);
            if (named == null) {
                s.name = JobIdentity.derivedName(job.kind(), hash);
            }

            String schema = config.stateSchema();
            if (schema != null && config.stateUrl() == null) {
                new TableResolver(c, dialect).existingNamespace(schema, SweepSettings.STATE_SCHEMA.cliFlag());
            }
            s.state = StateLocation.choose(dataSource, c, dialect, settings, prepared.stream().anyMatch(SweepTask::locksRows),
                    s.workers + SweepSettings.EXTRA_CONNECTIONS);
            if (s.state.inTarget()) {
                s.startOn(c, hash);
            } else {
                try (Connection sc = Connections.borrow(s.state.source(), s.networkTimeout)) {
                    sc.setAutoCommit(false);
                    s.startOn(sc, hash);
                }
            }
            return s;
        } catch (SQLException e) {
            s.closeState();
            throw Connections.describe(e, dataSource);
        } catch (RuntimeException e) {
            s.closeState();
            throw e;
        }
    }

    /** Records or resumes the run in the job state on {@code c}, a connection to where the state is kept. */
    private void startOn(Connection c, String hash) throws SQLException {
        JobStore store = new JobStore(state.dialect(), state.schema());
        if (!state.inTarget()) {
            store.ensureTables(c); // in the target, choosing the place did it
        }
        RunAdmission admission = new RunAdmission(name, job, owner, config.restart(), preparedTasks);
        RunAdmission.Admitted admitted = admit(c, store, admission, hash);
        if (alreadyDone != null) {
            c.commit();
            return;
        }
        List<SweepTask<Object>> tasks = admitted.tasks();
        List<Chunk> unfinished;
        try {
            admission.recordStart(c, store, hash, run, settings, clock);
            admission.setUp(c, store, admitted, state.dialect(), state.schema());
            unfinished = store.unfinishedChunks(c, name);
            c.commit();
            open(c, targetDialect, store, tasks, unfinished, workers);
        } catch (SQLException | RuntimeException e) {
            markFailedToStart(store, e);
            throw e;
        }
        LOG.info("{} job '{}' run {}{} on {}: {} tables, {} workers, {}", job.kind(), name, run,
                resumed ? " (resuming: " + unfinished.size() + " unfinished chunks, " + ctx.tracker().snapshot().chunksDone()
                        + " done)" : "", targetDialect.name(), tasks.size(), workers, settings);
    }

    /** The run was recorded as RUNNING but could not start: say so in the job state (best effort), so status shows it. */
    private void markFailedToStart(JobStore store, Exception cause) {
        try (Connection c = Connections.borrow(state.source(), networkTimeout)) {
            c.setAutoCommit(true);
            store.finishJob(c, name, JobStatus.FAILED, clock.millis());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not record that job '{}' failed to start ({}): {}", name, Errors.describe(cause), Errors.describe(e));
        }
    }

    /**
     * Joins a run that another process started (distributed mode): resolves the tables and
     * prepares the tasks of {@code job} (rebuilt from the spec in {@code record}) without changing
     * the job state. Chunks are then run with {@link #newWorker}.
     *
     * @param workers how many chunk workers this process runs, for progress
     */
    static JobSession join(DataSource dataSource, SettingValues settings, List<ProgressListener> listeners, Clock clock,
                           SweepJob<?> job, JobRecord record, int workers) {
        JobSession s = new JobSession(dataSource, settings, listeners, clock, new StopSignal(), job, record.name());
        s.run = record.run();
        s.workers = workers;
        s.resumed = true;
        try (Connection c = Connections.borrow(dataSource, s.networkTimeout)) {
            c.setAutoCommit(false);
            Dialect dialect = Dialects.detect(c);
            s.targetDialect = dialect;
            List<SweepTask<Object>> tasks = s.prepare(c, dialect).tasks();
            c.rollback();
            s.state = StateLocation.inTarget(dataSource, dialect, s.config.stateSchema());
            JobStore store = new JobStore(dialect, s.state.schema());
            s.open(c, dialect, store, tasks, List.of(), workers);
            LOG.info("{} job '{}' run {} on {}: joined with {} workers, {}", job.kind(), record.name(), record.run(), dialect.name(),
                    workers, settings);
            return s;
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    /**
     * Records a run of {@code job} in the job state, admitted by the same rules as {@link #start}
     * (so a different spec under the job's name, or a completed update, is refused or not run
     * again), all in the transaction of {@code c}, which the caller owns: nothing here commits or
     * rolls back, so a run registered inside a schema migration exists exactly when the migration
     * commits. Reads no rows of the job's tables beyond its first and last keys (no count, no
     * planning): the chunks are planned later by whoever runs them; a resumed run's failed chunks
     * are queued again for them. The job state's tables must exist ({@link JobStore#ensureTables},
     * on another connection).
     */
    static Registered register(Connection c, DataSource dataSource, SettingValues settings, Clock clock, SweepJob<?> job)
            throws SQLException {
        JobSession s = new JobSession(dataSource, settings, List.of(), clock, new StopSignal(), job, settings.get(SweepSettings.JOB));
        s.countWithoutStatistics = false;
        try {
            Dialect dialect = Dialects.detect(c);
            List<SweepTask<Object>> prepared = s.prepare(c, dialect).tasks();
            String hash = s.preparedTasks.identityHash(s.job, dialect);
            if (s.name == null) {
                s.name = JobIdentity.derivedName(job.kind(), hash);
            }
            String schema = s.config.stateSchema();
            if (schema != null) {
                new TableResolver(c, dialect).existingNamespace(schema, SweepSettings.STATE_SCHEMA.cliFlag());
            }
            JobStore store = new JobStore(dialect, schema);
            RunAdmission admission = new RunAdmission(s.name, s.job, s.owner, s.config.restart(), s.preparedTasks);
            RunAdmission.Admitted admitted = admission.admit(c, store, hash, prepared, clock.millis());
            if (admitted.completed() != null) {
                return new Registered(s.name, admitted.run(), false, true, dialect);
            }
            admission.setUp(c, store, admitted, dialect, schema);
            if (admitted.resumed()) {
                store.requeueFailed(c, s.name);
            }
            return new Registered(s.name, admitted.run(), admitted.resumed(), false, dialect);
        } finally {
            s.job.afterRun();
        }
    }

    private void open(Connection c, Dialect dialect, JobStore store, List<SweepTask<Object>> prepared, List<Chunk> unfinished, int workers)
            throws SQLException {
        this.tasks = prepared;
        JobTotals before = JobTotals.read(c, store, name);
        long publishedUpTo = store.maxSinkPosition(c, name);
        int minChunkRows = config.minChunkRows();
        RateLimiter limiter = new RateLimiter(config.maxRowsPerSecond(), workers, minChunkRows);
        chunkCeiling = limiter::chunkCeiling;
        Duration chunkTime = chunkTime();
        ChunkSizer jobSizer = newSizer();
        ChunkScheduler scheduler = new ChunkScheduler(name, store, dialect, clock, prepared, unfinished, t -> new ChunkSizer(jobSizer),
                new BoundaryPrefetcher(dataSource, networkTimeout), SweepSettings.workerMemory(settings, workers));
        scheduler.loadCursors(store.readCursors(c, name));
        c.commit();
        ProgressTracker progress = new ProgressTracker(name, clock, prepared, workers);
        for (String task : before.tasks()) {
            ChunkTotals done = before.of(task, ChunkStatus.DONE); // NONE adds nothing
            progress.preload(task, done.rows(), done.affected(), done.problems(), done.chunks());
        }
        for (SweepTask<Object> t : prepared) {
            if (scheduler.state(t.name()).finished()) {
                progress.taskFinished(t.name()); // finished by an earlier run
            }
        }
        progress.throttle(limiter::reason);
        ctx = new RunContext(name, dialect, store, state, job, scheduler, progress, stop, config, clock, dataSource, listeners, limiter,
                chunkTime, networkTimeout, java.util.concurrent.ConcurrentHashMap.newKeySet());
        if (workers > 0 && guarded()) {
            guard = new LatencyGuardThread(ctx, workers, minChunkRows);
        }
        job.beforeRun(resumed, publishedUpTo);
    }

    /** Resolves the job's tables and prepares its tasks, for this session to keep. */
    private PreparedTasks prepare(Connection c, Dialect dialect) throws SQLException {
        preparedTasks = PreparedTasks.prepare(c, dialect, job, countWithoutStatistics);
        return preparedTasks;
    }

    /**
     * The target chunk time: as set, else shorter for jobs that lock rows, where a chunk's time is
     * also the longest an application transaction may wait for one of its rows.
     */
    private Duration chunkTime() {
        if (settings.isSet(SweepSettings.CHUNK_TIME) || tasks.stream().noneMatch(SweepTask::locksRows)) {
            return config.chunkTime();
        }
        return SweepSettings.WRITING_CHUNK_TIME;
    }

    @Override
    public ChunkSizer newSizer() {
        return new ChunkSizer(chunkTime(), config.initialChunkRows(), config.minChunkRows(), config.maxChunkRows(), chunkCeiling);
    }

    private boolean guarded() {
        if (!state.inTarget()) {
            // The guard times commits of the job's heartbeat in the target, which this run does not write to.
            if (settings.isSet(SweepSettings.LATENCY_GUARD)) {
                LOG.info("Latency guard off: it times writes to the target database, where this run keeps no job state");
            }
            return false;
        }
        return switch (config.latencyGuard()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> tasks.stream().anyMatch(SweepTask::locksRows);
        };
    }

    /**
     * Records the run in the job state ({@link RunAdmission}) and commits; when the job completed
     * and must not run again, sets {@link #alreadyDone} instead.
     */
    private RunAdmission.Admitted admit(Connection c, JobStore store, RunAdmission admission, String hash) throws SQLException {
        RunAdmission.Admitted admitted = admission.admit(c, store, hash, preparedTasks.tasks(), clock.millis());
        run = admitted.run();
        resumed = admitted.resumed();
        if (admitted.completed() != null) {
            alreadyDone = summaries().alreadyDone(c, store, admitted.completed());
        }
        c.commit();
        return admitted;
    }

    // ------------------------------------------------------------------ what the session is

    @Override
    public String job() {
        return name;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public int run() {
        return run;
    }

    /** Not null when the job had already completed and is not run again: the summary to return. */
    public RunSummary alreadyDone() {
        return alreadyDone;
    }

    @Override
    public Dialect dialect() {
        return ctx.dialect();
    }

    @Override
    public RunSettings config() {
        return config;
    }

    @Override
    public SettingValues settings() {
        return settings;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    RunContext context() {
        return ctx;
    }

    // ------------------------------------------------------------------ the run in the job state

    @Override
    public Optional<JobRecord> record(Connection c) throws SQLException {
        return ctx.store().findJob(c, name);
    }

    @Override
    public boolean held(Connection c) throws SQLException {
        Optional<JobStore.Control> control = ctx.store().control(c, name);
        return control.isPresent() && control.get().run() == run && (control.get().requested() != null
                || control.get().status() == JobStatus.PAUSED || control.get().status() == JobStatus.CANCELLED);
    }

    @Override
    public boolean acknowledge(Connection c, ControlRequest request) throws SQLException {
        return ctx.store().acknowledge(c, name, request, clock.millis());
    }

    @Override
    public void fail(Connection c) throws SQLException {
        ctx.store().finishJob(c, name, JobStatus.FAILED, clock.millis());
    }

    @Override
    public int requeueFailed(Connection c) throws SQLException {
        return resumed ? ctx.store().requeueFailed(c, name) : 0;
    }

    // ------------------------------------------------------------------ stopping and progress

    @Override
    public void requestStop() {
        stop.requestStop();
    }

    @Override
    public Ended stopped() {
        RunStatus status = stop.runStatus();
        return status == null ? null : new Ended(status, stop.reason() == StopSignal.Reason.FAILED);
    }

    /** The current progress of the run as this process sees it. */
    public Progress progress() {
        return ctx.tracker().snapshot();
    }

    @Override
    public StateTotals loadProgress(Connection c) throws SQLException {
        JobTotals totals = JobTotals.read(c, ctx.store(), name);
        Set<String> planned = new HashSet<>();
        for (TableCursorRecord cursor : ctx.store().readCursors(c, name)) {
            if (cursor.exhausted()) {
                planned.add(cursor.table());
            }
        }
        long running = 0;
        long failed = 0;
        for (SweepTask<Object> t : tasks) {
            long taskRunning = totals.of(t.name(), ChunkStatus.RUNNING).chunks();
            long taskFailed = totals.of(t.name(), ChunkStatus.FAILED).chunks();
            running += taskRunning;
            failed += taskFailed;
            ctx.tracker().load(t.name(), totals.of(t.name(), ChunkStatus.DONE), taskFailed,
                    planned.contains(t.name()) && taskRunning == 0);
        }
        return new StateTotals(planned.size() == tasks.size(), running, failed);
    }

    /**
     * Starts the latency guard if the run has one, tells the listeners the run started, then every
     * 500 ms how it progresses, from a thread of its own; with {@code heartbeat}, also keeps the
     * job's heartbeat fresh, so no other process takes the job over as abandoned.
     */
    void startReporting(boolean heartbeat) {
        if (guard != null) {
            guard.start(); // measures the latency before the workers start
        }
        reporter = RunReporter.start(ctx, heartbeat, owner);
    }

    // ------------------------------------------------------------------ planning and running chunks

    @Override
    public List<String> tasksLargestFirst() {
        return ctx.scheduler().largestFirst();
    }

    @Override
    public List<Chunk> runningChunks(Connection c) throws SQLException {
        return ctx.store().runningChunks(c, name);
    }

    @Override
    public List<TableCursorRecord> cursors(Connection c) throws SQLException {
        return ctx.store().readCursors(c, name);
    }

    @Override
    public List<ChunkRecord> doneChunksAfter(Connection c, String task, int after) throws SQLException {
        return ctx.store().doneChunksAfter(c, name, task, after);
    }

    @Override
    public PlannedChunk planQueued(Connection c, String task, int rows) throws SQLException {
        return ctx.scheduler().planQueued(c, task, rows);
    }

    @Override
    public boolean allPlanned() {
        return ctx.scheduler().allExhausted();
    }

    @Override
    public ChunkWorker newWorker(int index) {
        return new ChunkWorker(new ChunkRunner(ctx, index));
    }

    /**
     * Runs the job's chunks on {@code workers} threads of this process until none is left or the
     * run stops.
     */
    RunStatus runLocal(int workers) {
        return new LocalRun(ctx).run(workers);
    }

    // ------------------------------------------------------------------ ending

    /**
     * Records how the run ended in the job state and returns its summary, counted from the job
     * state; tells the listeners.
     */
    RunSummary finish(RunStatus status) {
        return ending().end(status, true);
    }

    @Override
    public RunSummary end(Ended ended) {
        return ending().end(ended.status(), ended.ofRun());
    }

    private RunEnding ending() {
        return new RunEnding(ctx, summaries(), run, resumed, guard);
    }

    /** Summaries of this run, once it is admitted (its number known). */
    private RunSummaries summaries() {
        return new RunSummaries(name, run, job.kind(), preparedTasks.keyDescriptions(), clock);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reporter != null) {
            reporter.close();
        }
        if (guard != null && stop.reason() == StopSignal.Reason.UNAVAILABLE) {
            guard.abandon();
        } else if (guard != null) {
            guard.close();
        }
        if (ctx != null) {
            ctx.scheduler().close();
            job.afterRun();
        }
        closeState();
    }

    private void closeState() {
        if (state != null) {
            state.close();
        }
    }
}
