package io.rowsweep.distributed.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.rowsweep.core.internal.exec.ClusterRun;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.exec.PlannedChunk;
import io.rowsweep.core.internal.plan.ChunkSizer;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.TableCursorRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a run's queue topped up: plans a bounded number of chunks ahead of the threads alive
 * (so no process ever plans a billion-row table at once, and a process that dies loses no
 * plan), sizes them toward chunk-time from the times of the chunks done since it last looked,
 * and queues any chunk recorded as running that has no execution (a resumed run, or a planner
 * that died between recording a chunk and queueing it). Runs as db-scheduler's planner task,
 * so one process at a time plans and another takes over when it dies.
 */
final class Planner {

    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);
    /**
     * Chunks queued per live thread: one running and two waiting, so no thread waits for the next
     * planning round, and a process fetching a batch of candidates finds a full one.
     */
    static final int AHEAD_PER_THREAD = 3;
    static final int MIN_AHEAD = 4;
    /** Done chunks a planner new to this process learns sizes from. */
    private static final int WARM_UP_CHUNKS = 10;

    private final ClusterRun cluster;
    private final ChunkQueue queue;
    private final WorkerRegistry registry;
    private final Map<String, ChunkSizer> sizers = new HashMap<>();
    /** Per task, the highest chunk number whose time was learnt. */
    private Map<String, Integer> learnt;

    Planner(ClusterRun cluster, ChunkQueue queue, WorkerRegistry registry) {
        this.cluster = cluster;
        this.queue = queue;
        this.registry = registry;
    }

    /**
     * One round: requeues lost chunks, learns chunk times, plans and queues new chunks up to the
     * target.
     *
     * @return whether the run has no work left (every task planned, no chunk queued or running)
     */
    synchronized boolean topUp(SchedulerClient client) throws SQLException {
        String job = cluster.job();
        try (Connection c = Connections.borrow(cluster.dataSource())) {
            c.setAutoCommit(false);
            // Executions first: a chunk whose execution completes meanwhile is DONE by the time its row is read.
            Set<String> queued = queue.queuedChunks(client);
            List<Chunk> running = cluster.runningChunks(c);
            int requeued = 0;
            for (Chunk chunk : running) {
                if (!queued.contains(ChunkQueue.instanceId(chunk.table(), chunk.number()))) {
                    queue.schedule(client, chunk.table(), chunk.number(), -1);
                    requeued++;
                }
            }
            if (requeued > 0) {
                LOG.info("Job '{}': queued {} chunk(s) recorded as running without a queue entry (left by an earlier run or"
                        + " a process that died while planning)", job, requeued);
            }
            learn(c);
            int target = Math.max(MIN_AHEAD, AHEAD_PER_THREAD * registry.liveThreads(c, job, cluster.run(), cluster.clock().millis()));
            c.commit();
            int pending = queued.size() + requeued;
            int planned = 0;
            for (String task : cluster.tasksLargestFirst()) {
                while (pending < target) {
                    PlannedChunk p = cluster.planQueued(c, task, sizer(task).next());
                    if (p == null) {
                        break;
                    }
                    queue.schedule(client, p.task(), p.number(), p.plannedRows());
                    pending++;
                    planned++;
                }
            }
            if (planned > 0) {
                LOG.debug("Job '{}': planned {} chunk(s); {} queued for {} target", job, planned, pending, target);
            }
            return cluster.allPlanned() && running.isEmpty() && planned == 0;
        }
    }

    /** Feeds each task's sizer the times of the chunks done since the last round. */
    private void learn(Connection c) throws SQLException {
        if (learnt == null) {
            learnt = new HashMap<>();
            for (TableCursorRecord cursor : cluster.cursors(c)) {
                learnt.put(cursor.table(), Math.max(0, cursor.nextChunk() - 1 - WARM_UP_CHUNKS));
            }
        }
        for (String task : cluster.tasksLargestFirst()) {
            int after = learnt.getOrDefault(task, 0);
            for (ChunkRecord r : cluster.doneChunksAfter(c, task, after)) {
                sizer(task).record(r.rows(), Duration.ofMillis(Math.max(1, r.finishedAt() - r.startedAt())));
                after = Math.max(after, r.chunk().number());
            }
            learnt.put(task, after);
        }
    }

    private ChunkSizer sizer(String task) {
        return sizers.computeIfAbsent(task, t -> cluster.newSizer());
    }
}
