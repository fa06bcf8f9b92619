package io.rowsweep.core.internal.exec;

import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ChunkStart;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.OnError;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.WorkerStatus;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.ChunkProcessor;
import io.rowsweep.core.spi.job.ChunkSink;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.ControlRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs chunks on one connection of its own, as one worker: claims with retry, processes a chunk
 * inside its transaction, publishes its output and commits its checkpoint, retries transient
 * errors on a new connection with back-off until the retry deadline, records permanent failures.
 * One instance per thread.
 */
final class ChunkRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkRunner.class);

    private final RunContext ctx;
    private final StopSignal stop;
    private final int index;
    private final String name;
    private final Map<String, ChunkProcessor<Object>> processors = new LinkedHashMap<>();
    private final ChunkSink<Object> sink;
    private Connection connection;
    /** The connection to the job state when it is kept outside the target database; else null (it is {@link #connection}). */
    private Connection stateConnection;

    ChunkRunner(RunContext ctx, int index) {
        this.ctx = ctx;
        this.stop = ctx.stop();
        this.index = index;
        this.name = ProgressTracker.workerName(index);
        this.sink = ctx.sweepJob().sink();
    }

    RunContext context() {
        return ctx;
    }

    String name() {
        return name;
    }

    int index() {
        return index;
    }

    @Override
    public void close() {
        rollbackQuietly();
        if (connection != null) {
            try {
                ctx.dialect().restoreSession(connection); // back to the pool as it came
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{}: could not restore the connection's session settings: {}", name, e.toString());
            }
        }
        Transactions.closeQuietly(connection);
        Transactions.closeQuietly(stateConnection);
        release();
    }

    private void rollbackQuietly() {
        Transactions.rollbackQuietly(connection);
        Transactions.rollbackQuietly(stateConnection);
    }

    private void release() {
        if (connection != null) {
            ctx.workerConnections().remove(connection);
        }
        if (stateConnection != null) {
            ctx.workerConnections().remove(stateConnection);
        }
        connection = null;
        stateConnection = null;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = open(ctx.dataSource());
        }
        return connection;
    }

    /**
     * The connection to the job state: the worker's connection to the target when the state is
     * there, so a chunk's work and its checkpoint commit in one transaction.
     */
    private Connection stateConnection() throws SQLException {
        if (ctx.state().inTarget()) {
            return connection();
        }
        if (stateConnection == null) {
            stateConnection = open(ctx.state().source());
        }
        return stateConnection;
    }

    private Connection open(javax.sql.DataSource source) throws SQLException {
        Connection c = Connections.borrow(source, ctx.networkTimeout());
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            Transactions.closeQuietly(c);
            throw e;
        }
        ctx.workerConnections().add(c);
        return c;
    }

    /**
     * The worker's connection, for an attempt: after a failure, a statement may wait only what is
     * left of the retry deadline, so a database that stopped answering ends the run at the deadline,
     * not a whole network timeout after it.
     */
    private Connection connection(long firstFailureNanos) throws SQLException {
        Connection c = connection();
        Connections.limitWaits(c, waitAllowed(firstFailureNanos));
        return c;
    }

    /** {@link #stateConnection()}, its waits limited as {@link #connection(long)} limits the target's. */
    private Connection stateConnection(long firstFailureNanos) throws SQLException {
        Connection c = stateConnection();
        Connections.limitWaits(c, waitAllowed(firstFailureNanos));
        return c;
    }

    private Duration waitAllowed(long firstFailureNanos) {
        if (firstFailureNanos < 0) {
            return ctx.networkTimeout();
        }
        long left = ctx.config().retryDeadline().toNanos() - (System.nanoTime() - firstFailureNanos);
        Duration d = Duration.ofNanos(Math.max(left, Connections.MIN_NETWORK_TIMEOUT.toNanos()));
        return d.compareTo(ctx.networkTimeout()) < 0 ? d : ctx.networkTimeout();
    }

    private void discardConnection() {
        Connection c = connection;
        Connection sc = stateConnection;
        release();
        Connections.discard(ctx.dataSource(), c);
        if (sc != null) {
            Connections.discard(ctx.state().source(), sc);
        }
    }

    ChunkScheduler.Claim claimWithRetry() {
        return retrying("planning the next chunk", "Could not plan the next chunk", firstFailure -> {
            long since = firstFailure < 0 ? System.nanoTime() : firstFailure;
            return ctx.scheduler().next(stateConnection(firstFailure), connection(firstFailure), workerId(),
                    c -> Connections.limitWaits(c, waitAllowed(since)));
        });
    }

    /** What was asked of the run from any process (pause, cancel) and its status, read from the job state; null when the run is stopping. */
    JobStore.Control request() {
        JobStore.Control control = retrying("reading the run's requests", "Could not read the run's requests", firstFailure -> {
            Connection c = stateConnection(firstFailure);
            JobStore.Control read = ctx.store().control(c, ctx.job()).orElse(null);
            c.commit();
            return read;
        });
        return control;
    }

    /** Records that {@code request} took effect in this process, whose workers run no chunk now ({@link JobStore#acknowledge}). */
    boolean acknowledge(ControlRequest request) {
        Boolean recorded = retrying("recording that the run is paused", "Could not record that the run is paused", firstFailure -> {
            Connection c = stateConnection(firstFailure);
            boolean changed = ctx.store().acknowledge(c, ctx.job(), request, ctx.clock().millis());
            c.commit();
            return changed;
        });
        return Boolean.TRUE.equals(recorded);
    }

    /** A step on the job state (and the worker's connection), given since when it has been failing ({@link System#nanoTime}; -1: it has not). */
    @FunctionalInterface
    private interface Step<T> {
        T run(long firstFailure) throws SQLException;
    }

    /**
     * Runs {@code step}, retrying it on new connections while it fails with transient errors,
     * until the retry deadline counted from its first failing attempt.
     *
     * @return what the step returned, or null when the retries gave up (the run is stopping)
     * @throws RowSweepException when it fails for good, the message starting with {@code failure}
     */
    private <T> T retrying(String what, String failure, Step<T> step) {
        long firstFailure = -1;
        for (int retry = 0; ; retry++) {
            long attemptStarted = System.nanoTime();
            try {
                return step.run(firstFailure);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                if (!Errors.isTransient(ctx.dialect(), e)) {
                    throw new RowSweepException(ErrorCode.RUN_FAILED, failure + ": " + Errors.describe(e), e);
                }
                // Failing since the attempt began: a database that stopped answering failed it only when the wait timed out.
                firstFailure = firstFailure < 0 ? attemptStarted : firstFailure;
                if (!waitToRetry(what, e, retry, firstFailure)) {
                    return null;
                }
            }
        }
    }

    /**
     * Sleeps before a retry on a new connection; false when the retry deadline passed or the
     * run is stopping (then the run stops, its state saved).
     */
    private boolean waitToRetry(String what, Throwable e, int retry, long firstFailureNanos) {
        // Rows locked by another transaction say nothing against the connection: keep it.
        boolean locked = e instanceof SQLException && ctx.dialect().isLockConflict((SQLException) e);
        if (!locked) {
            discardConnection();
        }
        Duration deadline = ctx.config().retryDeadline();
        if (System.nanoTime() - firstFailureNanos > deadline.toNanos()) {
            LOG.error("{}: {} still fails after {} ({}); stopping the run, re-run the job to resume", name, what,
                    Setting.format(deadline), Errors.describe(e));
            stop.request(StopSignal.Reason.UNAVAILABLE);
            ctx.scheduler().stopClaims();
            ctx.abandonWorkerConnections();
            return false;
        }
        if (givenUp()) {
            return false;
        }
        Duration delay = Backoff.delay(retry);
        if (locked) {
            LOG.info("{}: {} rolled back: {}; retrying in {} ms", name, what, Errors.describe(e), delay.toMillis());
        } else {
            LOG.warn("{}: {} failed with a transient error ({}); retrying in {} ms on a new connection", name, what,
                    Errors.describe(e), delay.toMillis());
        }
        ctx.tracker().worker(index, WorkerStatus.State.RETRYING, what);
        Backoff.sleepQuietly(delay);
        return !givenUp();
    }

    /**
     * Whether retrying is pointless: the run aborts, or another worker already found the database
     * out of reach past the deadline (one more attempt would wait a whole network timeout more).
     */
    private boolean givenUp() {
        return stop.aborted() || stop.reason() == StopSignal.Reason.UNAVAILABLE;
    }

    /**
     * After a failed commit, whether it reached the database all the same: the chunk's row says
     * DONE with this attempt's start and finish times. Asked on a new connection, retrying until
     * the retry deadline (counted from when the attempt began, as for any failing attempt);
     * false when it cannot be told (then the output is undone, and on resume the sink is cut back
     * to what the job state records), at once when the deadline passed or the run stops because
     * the database is out of reach.
     */
    private boolean committedAnyway(Chunk chunk, long started, long finished, long attemptStartedNanos) {
        long deadline = attemptStartedNanos + ctx.config().retryDeadline().toNanos();
        for (int retry = 0; ; retry++) {
            if (System.nanoTime() > deadline || stop.reason() == StopSignal.Reason.UNAVAILABLE) {
                LOG.warn("{}: cannot tell whether chunk {}{} committed (the database is out of reach past the retry deadline)", name,
                        chunk.table(), chunk.range());
                return false;
            }
            try (Connection c = Connections.borrow(ctx.state().source(), ctx.networkTimeout())) {
                c.setAutoCommit(true);
                ChunkRecord r = ctx.store().chunk(c, ctx.job(), chunk.table(), chunk.number());
                return r != null && r.status() == ChunkStatus.DONE && r.startedAt() == started && r.finishedAt() == finished;
            } catch (SQLException | RuntimeException e) {
                if (System.nanoTime() > deadline || stop.aborted() || !Errors.isTransient(ctx.dialect(), e)) {
                    LOG.warn("{}: cannot tell whether chunk {}{} committed ({})", name, chunk.table(), chunk.range(), Errors.describe(e));
                    return false;
                }
                Backoff.sleepQuietly(Backoff.delay(retry));
            }
        }
    }

    private String workerId() {
        return JobIdentity.processId() + "/" + name;
    }

    /** How running a chunk ended, and the rows this worker processed. */
    record Ran(ChunkWorker.Result result, long rows) {
        static final Ran DONE_ELSEWHERE = new Ran(ChunkWorker.Result.DONE_ELSEWHERE, 0);
        static final Ran FAILED = new Ran(ChunkWorker.Result.FAILED, 0);
        static final Ran NOT_FINISHED = new Ran(ChunkWorker.Result.NOT_FINISHED, 0);
    }

    /**
     * Runs a queued chunk (distributed mode) unless the job state says it is done: reads its
     * range, takes it, runs it like a claimed one.
     */
    Ran runQueued(String task, int number, long plannedRows) {
        Optional<ChunkRecord> read = retrying("reading chunk " + number + " of " + task, "Could not read chunk " + number + " of " + task,
                firstFailure -> {
                    Connection c = stateConnection(firstFailure);
                    ChunkRecord r = ctx.store().chunk(c, ctx.job(), task, number);
                    c.commit();
                    return Optional.ofNullable(r);
                });
        if (read == null) {
            return Ran.NOT_FINISHED;
        }
        ChunkRecord record = read.orElse(null);
        if (record == null || record.status() == ChunkStatus.DONE) {
            LOG.debug("{}: chunk {} of {} is {}; nothing to do", name, number, task, record == null ? "not in this run" : "done");
            return Ran.DONE_ELSEWHERE;
        }
        return runChunk(ctx.scheduler().queued(record.chunk(), plannedRows));
    }

    /** Runs a chunk to done or failed. */
    Ran runChunk(ChunkScheduler.Claim claim) {
        ChunkScheduler.TaskState state = claim.state();
        SweepTask<Object> task = state.task;
        Chunk chunk = claim.chunk();
        String label = chunk.table() + chunk.range();
        Thread.currentThread().setName(name + " " + label);
        ctx.tracker().worker(index, WorkerStatus.State.WORKING, label);
        notifyStart(chunk);
        long firstFailure = -1;
        int attempt = claim.taken() ? 1 : 0;
        try {
            for (int retry = 0; ; retry++) {
                ChunkOutcome<Object> outcome = null;
                long started = ctx.clock().millis();
                long t0 = System.nanoTime();
                try {
                    Connection c = connection(firstFailure);
                    Connection sc = stateConnection(firstFailure);
                    if (retry > 0 || !claim.taken()) {
                        boolean taken = ctx.store().restartChunk(sc, ctx.job(), chunk, workerId(), started);
                        sc.commit();
                        if (!taken) {
                            if (retry == 0) {
                                return Ran.DONE_ELSEWHERE; // done by another process since it was read
                            }
                            // The failed attempt's commit had reached the database: the chunk is done, once.
                            countCommittedElsewhere(sc, task, chunk, started, attempt);
                            return Ran.DONE_ELSEWHERE;
                        }
                        attempt++;
                    }
                    // A task run as one chunk over the whole table (a set-based check) may rightly take long.
                    Connections.limitWaits(c, task.chunkKey() == null ? Duration.ZERO : waitAllowed(firstFailure));
                    RunningChunk context = new RunningChunk(c, ctx.dialect(), task.table(), chunk, state.planner == null ? null
                            : state.planner.sql(), ctx.config().fetchSize(), stop::aborted, claim.plannedRows(),
                            ctx.job(), ctx.config().stateSchema(), state.width);
                    ChunkProcessor<Object> processor = processor(task);
                    ChunkLocks.Held held = task.locksRows() ? processLocking(context, processor, label)
                            : new ChunkLocks.Held(processor.process(context), t0);
                    outcome = held.outcome();
                    long holding = held.sinceNanos();
                    ChunkOutcome<Object> done = outcome;
                    long finished = ctx.clock().millis();
                    if (sc != c) {
                        // Only a job that writes nothing keeps its state elsewhere: its output is kept with the checkpoint.
                        c.commit();
                    }
                    // The chunk commits here: its output is appended to the job's sink, then its checkpoint records the
                    // sink's position and commits; if that fails, the output is rolled back too.
                    outcome = null; // from here on the sink owns the output
                    ChunkSink.Appended appended = sink.append(chunk, done.output());
                    try {
                        commitCheckpoint(sc, chunk, done, started, finished, appended.position(), t0);
                    } catch (Exception commitFailed) {
                        appended.rollBack();
                        throw commitFailed;
                    }
                    appended.committed();
                    long now = System.nanoTime();
                    Duration elapsed = Duration.ofNanos(now - t0);
                    // Sized and paced by the time the chunk's work took, not by how long other transactions' locks kept it waiting.
                    Duration worked = Duration.ofNanos(now - holding);
                    state.sizer.record(done.rows(), worked);
                    ctx.tracker().chunkDone(task.name(), done.rows(), done.affected(), done.problems());
                    notifyChunk(chunk, started, elapsed, done, attempt, null);
                    LOG.debug("{} done: {} rows in {} ms ({} ms holding its rows)", label, done.rows(), elapsed.toMillis(), worked.toMillis());
                    backOffIfSlow(worked);
                    return new Ran(ChunkWorker.Result.DONE, done.rows());
                } catch (Exception e) {
                    rollbackQuietly();
                    if (outcome != null) {
                        sink.discard(outcome.output());
                    }
                    if (stop.aborted() || Errors.isInterruption(e)) {
                        LOG.info("{}: {} rolled back (run stopping); it will be redone on resume", name, label);
                        return Ran.NOT_FINISHED;
                    }
                    if (Errors.isTransient(ctx.dialect(), e)) {
                        firstFailure = firstFailure < 0 ? t0 : firstFailure; // failing since the attempt began
                        if (waitToRetry("chunk " + label, e, retry, firstFailure)) {
                            ctx.tracker().worker(index, WorkerStatus.State.WORKING, label);
                            continue;
                        }
                        // The database is out of reach (recording a failure would wait for it too): the chunk
                        // stays unfinished in the job state, and the re-run the message asks for redoes it.
                        return Ran.NOT_FINISHED;
                    }
                    return fail(chunk, Errors.describe(e), started, attempt);
                }
            }
        } finally {
            state.inFlight.decrementAndGet();
            if (state.finished()) {
                ctx.tracker().taskFinished(task.name());
            }
        }
    }

    /**
     * Marks the chunk done, with its counts and its output's sink position, and commits the
     * transaction. A commit whose acknowledgement was lost with the connection counts as done
     * when the job state shows it committed.
     */
    private void commitCheckpoint(Connection sc, Chunk chunk, ChunkOutcome<Object> done, long started, long finished, long sinkPosition,
                                  long t0) throws SQLException {
        String label = chunk.table() + chunk.range();
        if (!ctx.store().markDone(sc, ctx.job(), chunk, done.rows(), done.affected(), done.problems(), done.problemGroups(),
                started, finished, sinkPosition)) {
            throw new IllegalStateException("chunk " + label + " is no longer RUNNING in the job state"
                    + " (another process took it over); its work was rolled back");
        }
        try {
            sc.commit();
        } catch (SQLException commitFailed) {
            if (!committedAnyway(chunk, started, finished, t0)) {
                throw commitFailed;
            }
            // The commit reached the database; only its acknowledgement was lost with the connection.
            LOG.info("{}: {} committed although its connection failed ({}); not doing it again", name, label, Errors.describe(commitFailed));
            discardConnection();
        }
    }

    /**
     * Runs the chunk's work so that it never waits for a row lock while it holds rows
     * ({@link ChunkLocks}); a task run as one chunk over the whole table locks as its statements
     * go, each waiting at most the lock timeout.
     */
    private ChunkLocks.Held processLocking(RunningChunk context, ChunkProcessor<Object> processor, String label) throws Exception {
        Duration lockTimeout = ctx.config().lockTimeout();
        if (context.sql() == null) {
            ctx.dialect().applyLockTimeout(context.connection(), lockTimeout);
            long holding = System.nanoTime();
            return new ChunkLocks.Held(processor.process(context), holding);
        }
        return ChunkLocks.process(context, processor, lockTimeout, name + " " + label);
    }

    private void countCommittedElsewhere(Connection c, SweepTask<Object> task, Chunk chunk, long started, int attempt) throws SQLException {
        ChunkRecord done = ctx.store().chunk(c, ctx.job(), chunk.table(), chunk.number());
        c.commit();
        LOG.info("{}: chunk {}{} had committed before its connection failed; not doing it again", name, chunk.table(), chunk.range());
        ChunkOutcome<Object> outcome = ChunkOutcome.of(done.rows(), done.affected(), done.problems());
        ctx.tracker().chunkDone(task.name(), outcome.rows(), outcome.affected(), outcome.problems());
        notifyChunk(chunk, started, Duration.ofMillis(Math.max(0, done.finishedAt() - done.startedAt())), outcome, attempt, null);
    }

    /**
     * Records a chunk as failed for good, unless another attempt committed it meanwhile; the
     * failed state may fail to be written (the database gone): the chunk then stays RUNNING and
     * is redone later. Either way, the failure counts for on-error.
     */
    private Ran fail(Chunk chunk, String error, long started, int attempt) {
        String label = chunk.table() + chunk.range();
        try {
            Connection c = stateConnection();
            boolean recorded = ctx.store().markFailed(c, ctx.job(), chunk, error, ctx.clock().millis());
            c.commit();
            if (!recorded) {
                LOG.info("{}: chunk {} failed here ({}), but another process had committed it; it stays done", name, label, error);
                return Ran.DONE_ELSEWHERE;
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            discardConnection();
            LOG.warn("{}: could not record chunk {} as failed ({}); it stays RUNNING and is redone on resume", name, label,
                    Errors.describe(e));
        }
        ctx.tracker().chunkFailed(chunk.table());
        notifyChunk(chunk, started, Duration.ofMillis(ctx.clock().millis() - started), null, attempt, error);
        boolean stopping = ctx.config().onError() == OnError.STOP;
        LOG.error("{}: chunk {} failed: {}{}", name, label, error, stopping
                ? "; stopping the run (on-error=stop). Fix the cause and re-run the job: it redoes failed chunks"
                : "; going on (on-error=skip-chunk). Re-run the job later to retry it");
        if (stopping) {
            stop.request(StopSignal.Reason.FAILED);
        }
        return Ran.FAILED;
    }

    private void notifyStart(Chunk chunk) {
        ChunkStart start = new ChunkStart(chunk.table(), chunk.number(), chunk.range(), name, ctx.clock().instant());
        for (ProgressListener l : ctx.listeners()) {
            try {
                l.chunkStarted(start);
            } catch (RuntimeException e) {
                LOG.warn("progress listener failed: {}", e.toString());
            }
        }
    }

    private void notifyChunk(Chunk chunk, long started, Duration elapsed, ChunkOutcome<Object> outcome, int attempt, String error) {
        ChunkEvent event = new ChunkEvent(chunk.table(), chunk.number(), chunk.range(), name,
                Instant.ofEpochMilli(started), elapsed, outcome == null ? 0 : outcome.rows(),
                outcome == null ? 0 : outcome.affected(), outcome == null ? 0 : outcome.problems(), error == null, attempt, error);
        for (ProgressListener l : ctx.listeners()) {
            try {
                l.chunkFinished(event);
            } catch (RuntimeException e) {
                LOG.warn("progress listener failed: {}", e.toString());
            }
        }
    }

    private ChunkProcessor<Object> processor(SweepTask<Object> task) {
        return processors.computeIfAbsent(task.name(), n -> task.processors().get());
    }

    /** When a chunk ran far over the target time, the database is struggling: give it that much room. */
    private void backOffIfSlow(Duration elapsed) {
        Duration target = ctx.chunkTime();
        if (elapsed.compareTo(target.multipliedBy(2)) > 0) {
            Duration pause = elapsed.minus(target);
            if (pause.compareTo(Duration.ofSeconds(10)) > 0) {
                pause = Duration.ofSeconds(10);
            }
            ctx.tracker().worker(index, WorkerStatus.State.PAUSED, null);
            LOG.debug("{}: chunk took {} ms (target {} ms); backing off {} ms", name, elapsed.toMillis(), target.toMillis(),
                    pause.toMillis());
            Backoff.sleepQuietly(pause);
        }
    }

    void pauseAfter(long rows) {
        long waitNanos = ctx.limiter().account(rows);
        Duration pause = ctx.config().pauseBetweenChunks().plusNanos(waitNanos);
        if (!pause.isZero() && !stop.stopping()) {
            ctx.tracker().worker(index, WorkerStatus.State.PAUSED, null);
            Backoff.sleepQuietly(pause);
        }
        // The guard pauses the run (critical load): start no chunk until it lets go.
        while (ctx.limiter().paused() && !stop.stopping()) {
            ctx.tracker().worker(index, WorkerStatus.State.PAUSED, null);
            Backoff.sleepQuietly(LatencyGuardThread.INTERVAL);
        }
    }
}
