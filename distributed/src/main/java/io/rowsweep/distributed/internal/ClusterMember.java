package io.rowsweep.distributed.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.internal.exec.ChunkWorker;
import io.rowsweep.core.internal.exec.ClusterRun;
import io.rowsweep.core.internal.exec.ClusterRun.Ended;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.exec.Errors;
import io.rowsweep.core.internal.exec.JobIdentity;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.distributed.WorkerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process's part in a distributed run: a db-scheduler {@link Scheduler} whose threads take
 * the run's queued chunks and run them with {@link ChunkWorker}s (the same checkpointing as a
 * local run), its registry entry kept fresh, and a watch on the job state that ends the part
 * when the run has no work left, fails (on-error=stop), or is stopped or replaced elsewhere.
 * db-scheduler owns the chunks being run: it records who picked each, keeps their heartbeats,
 * and hands the chunks of a process that stopped heartbeating to the others.
 */
public final class ClusterMember {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);
    /** How often the job state is read for progress and the end of the run. */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** How often an idle process looks for queued chunks (a busy one looks again as soon as a thread is free). */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** When a planning round waits before the next. */
    static final Duration PLAN_INTERVAL = Duration.ofMillis(250);
    /** When a chunk that was rolled back (its process stopping) or a failed planning round is tried again. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    /** db-scheduler forgets executions of tasks it does not know after this long; here, never: they belong to other jobs. */
    private static final Duration KEEP_OTHER_JOBS = Duration.ofDays(36_500);
    private static final AtomicInteger MEMBERS = new AtomicInteger();
    /** When a chunk (or planning round) held back by a pause or cancel request is looked at again. */
    private static final Duration HELD_RECHECK = Duration.ofSeconds(2);

    private final ClusterRun cluster;
    private final WorkerRegistry registry;
    private final ChunkQueue queue;
    private final WorkerRegistry.Member member;
    private final String settings;
    private final Planner planner;
    private final List<Task<?>> tasks;
    private final ConcurrentLinkedQueue<ChunkWorker> workers = new ConcurrentLinkedQueue<>();
    private final AtomicLong chunksDone = new AtomicLong();
    private final AtomicLong rowsDone = new AtomicLong();
    /** This process's scheduler, null when it only watches; paused while the run is asked to pause or cancel. */
    private volatile Scheduler scheduler;
    private boolean schedulerHeld;

    /**
     * @param threads  chunks this process runs at once; 0 only plans nothing and watches
     * @param settings the run's engine settings to record (the process that starts the run), else null
     */
    public ClusterMember(ClusterRun cluster, WorkerRegistry registry, WorkerInfo.Role role, int threads, String settings) {
        this.cluster = cluster;
        this.registry = registry;
        this.queue = new ChunkQueue(cluster.job(), cluster.run());
        this.settings = settings;
        String processId = JobIdentity.processId();
        int colon = processId.lastIndexOf(':');
        String id = processId + ":" + MEMBERS.incrementAndGet() + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        this.member = new WorkerRegistry.Member(cluster.job(), cluster.run(), id, processId.substring(0, colon),
                ProcessHandle.current().pid(), role, threads, heartbeat().toMillis());
        this.planner = new Planner(cluster, queue, registry);
        this.tasks = tasks();
    }

    /** Creates the tables a distributed run needs and forgets the queue and processes of the job's earlier runs. */
    static void setUp(ClusterRun cluster, WorkerRegistry registry, Connection c) throws SQLException {
        String schema = cluster.config().stateSchema();
        SchedulerTable.ensure(c, cluster.dialect(), schema);
        registry.ensure(c);
        c.commit();
        SchedulerTable.deleteTasks(c, cluster.dialect(), schema, ChunkQueue.earlierRuns(cluster.job(), cluster.run()));
        registry.deleteOtherRuns(c, cluster.job(), cluster.run());
        c.commit();
    }

    public long chunksDone() {
        return chunksDone.get();
    }

    public long rowsDone() {
        return rowsDone.get();
    }

    private Duration heartbeat() {
        return cluster.config().heartbeatInterval();
    }

    private String table() {
        return SchedulerTable.qualified(cluster.dialect(), cluster.config().stateSchema());
    }

    private JdbcCustomization jdbc() {
        // UTC, so processes in different time zones agree on heartbeats (MySQL/MariaDB DATETIME has no zone).
        return new AutodetectJdbcCustomization(cluster.dataSource(), true);
    }

    /** A client of the run's queue, for a process that runs no scheduler of its own. */
    SchedulerClient client() {
        return SchedulerClient.Builder.create(cluster.dataSource(), tasks).tableName(table()).serializer(ChunkQueue.TEXT)
                .jdbcCustomization(jdbc()).build();
    }

    /** Queues the run's planner unless it is queued already (a resumed run). */
    void schedulePlanner() {
        queue.schedulePlanner(client());
    }

    private List<Task<?>> tasks() {
        int threads = Math.max(1, member.threads());
        AtomicInteger next = new AtomicInteger();
        ThreadLocal<ChunkWorker> worker = ThreadLocal.withInitial(() -> {
            ChunkWorker w = cluster.newWorker(next.getAndIncrement() % threads);
            workers.add(w);
            return w;
        });
        Task<String> chunk = Tasks.custom(queue.chunkTask).onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_DELAY))
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> {
                    if (held()) {
                        // Paused or cancelled after this process last looked: the chunk stays queued, unclaimed.
                        return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(HELD_RECHECK));
                    }
                    String id = instance.getId();
                    ChunkWorker w = worker.get();
                    ChunkWorker.Result result = w.run(ChunkQueue.task(id), ChunkQueue.number(id),
                            instance.getData() == null ? -1 : Long.parseLong(instance.getData()));
                    if (result == ChunkWorker.Result.NOT_FINISHED) {
                        // Not done: the execution stays queued, and db-scheduler hands it out again.
                        throw new IllegalStateException("chunk " + id + " rolled back; it is queued again");
                    }
                    if (result == ChunkWorker.Result.DONE) {
                        chunksDone.incrementAndGet();
                        rowsDone.addAndGet(w.lastRows());
                    }
                    return new CompletionHandler.OnCompleteRemove<>();
                });
        Task<String> plan = Tasks.custom(queue.planTask).onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_DELAY))
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> {
                    if (held()) {
                        return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(HELD_RECHECK));
                    }
                    boolean over;
                    try {
                        over = planner.topUp(context.getSchedulerClient());
                    } catch (SQLException | RuntimeException e) {
                        if (!Errors.isTransient(cluster.dialect(), e)) {
                            failRun("planning the next chunks failed: " + Errors.describe(e));
                            return new CompletionHandler.OnCompleteRemove<>();
                        }
                        throw new IllegalStateException("planning failed: " + Errors.describe(e) + "; trying again in "
                                + RETRY_DELAY.toMillis() + " ms", e);
                    }
                    if (over) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(PLAN_INTERVAL));
                });
        return List.of(chunk, plan);
    }

    /**
     * Whether the run is asked to pause or cancel, or is paused or cancelled: read from the job
     * state before each chunk is claimed (one one-row read), so no chunk starts after the request
     * was recorded, whenever this process's watch last looked.
     */
    private boolean held() {
        try (Connection c = Connections.borrow(cluster.dataSource())) {
            c.setAutoCommit(true);
            return cluster.held(c);
        } catch (SQLException e) {
            // The execution stays queued and is tried again (OnFailureRetryLater), as when its chunk fails transiently.
            throw new IllegalStateException("reading the run's requests failed: " + Errors.describe(e) + "; trying again in "
                    + RETRY_DELAY.toMillis() + " ms", e);
        }
    }

    /** Records the run as FAILED, so every process leaves it (as a local run stops when it cannot plan). */
    private void failRun(String why) {
        LOG.error("Job '{}': {}; the run fails in every process. Fix the cause and re-run the job to resume it", cluster.job(), why);
        withConnection(c -> cluster.fail(c));
    }

    private Scheduler scheduler() {
        int threads = member.threads();
        AtomicInteger n = new AtomicInteger();
        ExecutorService executors = Executors.newFixedThreadPool(threads, r -> new Thread(r, "rowsweep-" + n.incrementAndGet()));
        JdbcCustomization jdbc = jdbc();
        SchedulerBuilder builder = Scheduler.create(cluster.dataSource(), tasks);
        if (jdbc.supportsSingleStatementLockAndFetch() || jdbc.supportsGenericLockAndFetch()) {
            // SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL, MySQL 8): a process picks as many chunks as it has free
            // threads and asks again as soon as one is free, without racing the others for the same candidates.
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        return builder
                .tableName(table())
                .serializer(ChunkQueue.TEXT)
                .jdbcCustomization(jdbc)
                .schedulerName(new SchedulerName.Fixed(member.id()))
                .threads(threads)
                .executorService(executors)
                .pollingInterval(POLL_INTERVAL)
                .heartbeatInterval(heartbeat())
                .missedHeartbeatsLimit(WorkerRegistry.MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .deleteUnresolvedAfter(KEEP_OTHER_JOBS)
                .commitWhenAutocommitDisabled(true)
                .build();
    }

    /**
     * Takes part in the run until it has no work left, fails, or this process is stopped
     * ({@link ClusterRun#requestStop}, or interrupting this thread: once to finish the running
     * chunks, twice to roll them back).
     */
    public Ended run() {
        DataSource ds = cluster.dataSource();
        long now = cluster.clock().millis();
        withConnection(c -> registry.register(c, member, settings, now));
        Scheduler scheduler = member.threads() > 0 ? scheduler() : null;
        this.scheduler = scheduler;
        LOG.info("Job '{}' run {}: {} {} {} with {} threads (heartbeat every {} ms)", cluster.job(), cluster.run(),
                member.role() == WorkerInfo.Role.PLANNER ? "started by" : "joined by", member.id(),
                member.threads() == 0 ? "watching" : "working", member.threads(), heartbeat().toMillis());
        Ended ended = null;
        try {
            if (scheduler != null) {
                scheduler.start();
            }
            long nextHeartbeat = 0;
            long firstFailure = -1;
            while (ended == null) {
                ended = cluster.stopped();
                if (ended != null) {
                    break;
                }
                try (Connection c = Connections.borrow(ds)) {
                    c.setAutoCommit(true);
                    ended = watch(c);
                    long t = cluster.clock().millis();
                    if (t >= nextHeartbeat) {
                        registry.heartbeat(c, member, t, chunksDone.get(), rowsDone.get());
                        nextHeartbeat = t + heartbeat().toMillis();
                    }
                    firstFailure = -1;
                } catch (SQLException e) {
                    if (Thread.interrupted() || Errors.isInterruption(e)) {
                        LOG.info("Interrupted: stopping after the running chunks");
                        cluster.requestStop();
                        continue;
                    }
                    long t = System.nanoTime();
                    firstFailure = firstFailure < 0 ? t : firstFailure;
                    Duration deadline = cluster.config().retryDeadline();
                    if (t - firstFailure > deadline.toNanos()) {
                        LOG.error("Job '{}': the job state cannot be read for {} ({}); leaving the run", cluster.job(), deadline,
                                Errors.describe(e));
                        ended = new Ended(RunStatus.FAILED, false);
                        break;
                    }
                    LOG.warn("Job '{}': reading the job state failed ({}); trying again", cluster.job(), Errors.describe(e));
                }
                if (ended == null) {
                    sleep(WATCH_INTERVAL);
                }
            }
        } finally {
            if (scheduler != null) {
                scheduler.stop(); // running chunks finish (or roll back, when aborted) before it returns
            }
            workers.forEach(ChunkWorker::close);
            long left = cluster.clock().millis();
            boolean over = ended != null && ended.ofRun() && ended.status() == RunStatus.DONE;
            withConnection(c -> {
                registry.leave(c, member, left, chunksDone.get(), rowsDone.get());
                if (over) {
                    // Nothing of the run is left to do: what remains queued (a planner between rounds) is garbage.
                    SchedulerTable.deleteTasks(c, cluster.dialect(), cluster.config().stateSchema(),
                            List.of(queue.chunkTask.getTaskName(), queue.planTask.getTaskName()));
                }
            });
        }
        LOG.info("Job '{}' run {}: {} leaves ({}); it did {} chunks, {} rows", cluster.job(), cluster.run(), member.id(),
                ended.status().name().toLowerCase(), chunksDone.get(), rowsDone.get());
        return ended;
    }

    /** The end of this process's part, from the job state, or null while it goes on. */
    private Ended watch(Connection c) throws SQLException {
        Optional<JobRecord> job = cluster.record(c);
        if (job.isEmpty() || job.get().run() != cluster.run()) {
            LOG.warn("Job '{}' run {} was replaced by another run or removed; leaving it", cluster.job(), cluster.run());
            return new Ended(RunStatus.STOPPED, false);
        }
        ControlRequest requested = job.get().requested();
        hold(requested != null || job.get().status() == JobStatus.PAUSED);
        boolean acknowledged = job.get().status() == JobStatus.CANCELLED
                || requested == ControlRequest.PAUSE && job.get().status() == JobStatus.PAUSED;
        if (requested != null && !acknowledged && noChunkRunning(c)
                && cluster.acknowledge(c, requested)) {
            LOG.info("Job '{}' {}: no chunk of it runs in any process{}", cluster.job(),
                    requested == ControlRequest.PAUSE ? "paused" : "cancelled",
                    requested == ControlRequest.PAUSE ? "; its processes wait for  rowsweep resume --job " + cluster.job() : "");
            if (requested == ControlRequest.CANCEL) {
                return new Ended(RunStatus.CANCELLED, true);
            }
        }
        switch (job.get().status()) {
            case CANCELLED:
                return new Ended(RunStatus.CANCELLED, false);
            case DONE:
                return new Ended(RunStatus.DONE, false);
            case FAILED:
                return new Ended(RunStatus.FAILED, false);
            case STOPPED:
                return new Ended(RunStatus.STOPPED, false);
            default:
                break;
        }
        ClusterRun.StateTotals totals = cluster.loadProgress(c);
        if (totals.failedChunks() > 0 && cluster.config().onError() == io.rowsweep.core.OnError.STOP) {
            return new Ended(RunStatus.FAILED, true);
        }
        if (totals.over()) {
            return new Ended(totals.failedChunks() > 0 ? RunStatus.FAILED : RunStatus.DONE, true);
        }
        return null;
    }

    /** Whether no process runs a chunk of the run: none of its chunk executions is picked. */
    private boolean noChunkRunning(Connection c) throws SQLException {
        return SchedulerTable.pickedBy(c, cluster.dialect(), cluster.config().stateSchema(), queue.chunkTask.getTaskName()).isEmpty();
    }

    /** Stops (or starts again) this process's scheduler from picking queued chunks, while the run is asked to pause or cancel. */
    private void hold(boolean held) {
        Scheduler s = scheduler;
        if (s == null || held == schedulerHeld) {
            return;
        }
        if (held) {
            s.pause();
        } else {
            s.resume();
        }
        schedulerHeld = held;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            LOG.info("Interrupted: stopping after the running chunks");
            cluster.requestStop();
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void withConnection(Work work) {
        try (Connection c = Connections.borrow(cluster.dataSource())) {
            c.setAutoCommit(true);
            work.run(c);
        } catch (SQLException e) {
            LOG.warn("Job '{}': updating the worker registry failed: {}", cluster.job(), Errors.describe(e));
        }
    }
}
