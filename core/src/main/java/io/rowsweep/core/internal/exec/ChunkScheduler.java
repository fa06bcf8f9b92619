package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.plan.ChunkSizer;
import io.rowsweep.core.internal.plan.KeyRangePlanner;
import io.rowsweep.core.internal.plan.RowWidth;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.state.TableCursorRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The one queue of chunks over all tasks. Chunks left unfinished by an earlier run come first;
 * then each claim plans the next chunk of the largest task that has work left (longest
 * processing time first, so small tables fill the gaps at the end and a huge table is split
 * across all workers). A claim locks the task's cursor row, walks to the next boundary, records
 * the chunk as RUNNING and commits, so a chunk is planned exactly once even across processes.
 */
final class ChunkScheduler implements AutoCloseable {

    /** A task's planning state in this process. */
    static final class TaskState {
        final SweepTask<Object> task;
        final KeyRangePlanner planner;
        final ChunkSizer sizer;
        /** How wide the rows its chunks read are, and the fetches and chunks a worker's memory allows. */
        final RowWidth width;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger redo = new AtomicInteger();
        volatile boolean exhausted;
        /** The next boundary, being walked in the background; guarded by this state's monitor. */
        BoundaryPrefetcher.Prefetch prefetched;

        TaskState(SweepTask<Object> task, KeyRangePlanner planner, ChunkSizer sizer, long workerMemory) {
            this.task = task;
            this.planner = planner;
            this.sizer = sizer;
            this.width = new RowWidth(workerMemory);
        }

        /**
         * Rows for the next chunk: the sizer's, and for a task whose chunks keep what they read until they end (a Java
         * fix) no more than a worker's memory holds at the width its rows had lately.
         */
        int nextRows() {
            int rows = sizer.next();
            return task.holdsRows() ? Math.min(rows, width.chunkRows()) : rows;
        }

        boolean finished() {
            return exhausted && inFlight.get() == 0 && redo.get() == 0;
        }
    }

    /**
     * A chunk for a worker.
     *
     * @param plannedRows the rows the chunk's range held when it was planned; -1 when unknown (the
     *                    open-ended last chunk, a chunk redone after a crash, a whole-table task)
     * @param taken       whether the chunk is already recorded as this worker's (a claim); if not
     *                    (a queued chunk), the worker takes it first, unless it is done
     */
    record Claim(TaskState state, Chunk chunk, long plannedRows, boolean taken) {
    }

    private final String job;
    private final JobStore store;
    private final Clock clock;
    private volatile boolean claimsStopped;
    private final Deque<Chunk> redo = new ArrayDeque<>();
    private final List<TaskState> largestFirst;
    private final Map<String, TaskState> byName = new LinkedHashMap<>();
    private final BoundaryPrefetcher prefetcher;

    /**
     * @param prefetcher   walks boundaries ahead of the claims, or null to walk at each claim
     * @param workerMemory bytes of row data one worker may hold (worker-memory)
     */
    ChunkScheduler(String job, JobStore store, Dialect dialect, Clock clock, List<SweepTask<Object>> tasks, List<Chunk> unfinished,
                   java.util.function.Function<SweepTask<Object>, ChunkSizer> sizers, BoundaryPrefetcher prefetcher, long workerMemory) {
        this.job = job;
        this.store = store;
        this.clock = clock;
        this.prefetcher = prefetcher;
        for (SweepTask<Object> t : tasks) {
            KeyRangePlanner planner = t.chunkKey() == null ? null
                    : new KeyRangePlanner(dialect, t.table().withKey(t.chunkKey()));
            byName.put(t.name(), new TaskState(t, planner, sizers.apply(t), workerMemory));
        }
        for (Chunk c : unfinished) {
            TaskState s = byName.get(c.table());
            if (s == null) {
                throw new IllegalStateException("job state has a chunk of '" + c.table() + "', which this job does not have");
            }
            s.redo.incrementAndGet();
            redo.add(c);
        }
        this.largestFirst = byName.values().stream()
                .sorted(Comparator.comparingLong((TaskState s) -> s.task.estimatedRows()).reversed())
                .collect(Collectors.toList());
    }

    TaskState state(String task) {
        return byName.get(task);
    }

    /** Marks tasks whose cursor says they are fully planned (a resumed run). */
    void loadCursors(List<TableCursorRecord> cursors) {
        for (TableCursorRecord c : cursors) {
            TaskState s = byName.get(c.table());
            if (s != null && c.exhausted()) {
                s.exhausted = true;
            }
        }
    }

    /** Queues chunks to be done again before new ones are planned (chunks orphaned by a lost claim acknowledgement). */
    void requeue(List<Chunk> chunks) {
        synchronized (redo) {
            for (Chunk c : chunks) {
                byName.get(c.table()).redo.incrementAndGet();
                redo.add(c);
            }
        }
    }

    /**
     * Claims no more chunks: the database is out of reach past the retry deadline. A worker waiting
     * for a task's lock behind one whose statement hung then does not send one of its own.
     */
    void stopClaims() {
        claimsStopped = true;
    }

    /** Bounds how long the statements of a claim may wait, once it holds the task's lock. */
    interface WaitLimit {
        void apply(Connection c) throws SQLException;
    }

    /** The next chunk for {@code worker}, claimed and committed on {@code c}; null when no work is left or claims stopped. */
    Claim next(Connection c, String worker) throws SQLException {
        return next(c, c, worker, ignored -> { });
    }

    /**
     * As {@link #next(Connection, String)}, the claim recorded on {@code c} (where the job state
     * is) and the chunk's boundary walked on {@code target} (the same connection unless the state
     * is kept elsewhere); {@code waitLimit} is applied to both once the task's lock is held: a
     * worker that waited for it behind a statement that hung has used up part of its retry deadline already.
     */
    Claim next(Connection c, Connection target, String worker, WaitLimit waitLimit) throws SQLException {
        while (!claimsStopped) {
            Chunk again;
            synchronized (redo) {
                again = redo.poll();
            }
            if (again == null) {
                break;
            }
            boolean taken;
            try {
                taken = store.restartChunk(c, job, again, worker, clock.millis());
                c.commit();
            } catch (SQLException e) {
                Transactions.rollbackQuietly(c);
                synchronized (redo) {
                    redo.addFirst(again);
                }
                throw e;
            }
            TaskState s = byName.get(again.table());
            s.redo.decrementAndGet();
            if (taken) {
                s.inFlight.incrementAndGet();
                return new Claim(s, again, -1, true);
            }
        }
        for (TaskState s : largestFirst) {
            if (s.exhausted) {
                continue;
            }
            synchronized (s) {
                if (claimsStopped) {
                    return null;
                }
                if (s.exhausted) {
                    continue;
                }
                waitLimit.apply(c);
                if (target != c) {
                    waitLimit.apply(target);
                }
                Claim claim = claim(c, target, s, worker, s.nextRows());
                if (claim != null) {
                    s.inFlight.incrementAndGet();
                    return claim;
                }
            }
        }
        return null;
    }

    /**
     * Plans the next chunk of {@code s} with about {@code rows} rows and records it, for
     * {@code worker} or, when null, queued for any process; null when the task is planned to its end.
     */
    private Claim claim(Connection c, Connection target, TaskState s, String worker, int rows) throws SQLException {
        try {
            TableCursorRecord cursor = store.readCursor(c, job, s.task.name(), true);
            if (cursor.exhausted()) {
                c.commit();
                s.exhausted = true;
                return null;
            }
            BoundaryPrefetcher.Prefetch ready = s.prefetched;
            s.prefetched = null;
            String[] hi;
            if (s.planner == null) {
                hi = null;
            } else if (ready != null && ready.answers(cursor.frontier(), rows)) {
                hi = prefetched(target, s, ready, cursor.frontier());
                rows = ready.rows();
            } else {
                hi = s.planner.nextBoundary(target, cursor.frontier(), rows);
            }
            Chunk chunk = new Chunk(s.task.name(), cursor.nextChunk(), cursor.frontier(), hi);
            if (worker == null) {
                store.insertQueuedChunk(c, job, chunk, clock.millis());
            } else {
                store.insertChunk(c, job, chunk, worker, clock.millis());
            }
            store.advanceCursor(c, job, s.task.name(), cursor.nextChunk() + 1, hi, hi == null);
            if (target != c) {
                target.commit(); // ends the walk's read-only transaction, before the claim commits
            }
            c.commit();
            if (hi == null) {
                s.exhausted = true;
            } else if (prefetcher != null && s.planner != null) {
                s.prefetched = prefetcher.prefetch(s.planner, hi, s.nextRows());
            }
            return new Claim(s, chunk, hi == null ? -1 : rows, worker != null);
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackQuietly(c);
            if (target != c) {
                Transactions.rollbackQuietly(target);
            }
            throw e;
        }
    }

    /**
     * The prefetched boundary, or the walk done here when the prefetch failed or is not ready: a
     * claim never waits for the prefetch, which may be waiting for a connection that the workers,
     * this one included, hold, or for a database that stopped answering.
     */
    private static String[] prefetched(Connection c, TaskState s, BoundaryPrefetcher.Prefetch ready, String[] frontier) throws SQLException {
        java.util.concurrent.CompletableFuture<String[]> boundary = ready.boundary();
        if (boundary.isDone() && !boundary.isCompletedExceptionally()) {
            return boundary.join(); // null: the table's last chunk
        }
        boundary.cancel(false);
        return s.planner.nextBoundary(c, frontier, ready.rows());
    }

    @Override
    public void close() {
        if (prefetcher != null) {
            prefetcher.close();
        }
    }

    /** Plans the next chunk of {@code task}, queued for any process (distributed mode); null when the task is planned to its end. */
    PlannedChunk planQueued(Connection c, String task, int rows) throws SQLException {
        TaskState s = byName.get(task);
        synchronized (s) {
            if (s.exhausted) {
                return null;
            }
            Claim claim = claim(c, c, s, null, rows);
            return claim == null ? null : new PlannedChunk(task, claim.chunk().number(), claim.plannedRows());
        }
    }

    /** A queued chunk of {@code task}, as a claim not yet taken. */
    Claim queued(Chunk chunk, long plannedRows) {
        TaskState s = byName.get(chunk.table());
        if (s == null) {
            throw new IllegalStateException("job state has a chunk of '" + chunk.table() + "', which this job does not have");
        }
        s.inFlight.incrementAndGet();
        return new Claim(s, chunk, plannedRows, false);
    }

    /** Whether this process saw every task planned to its end (whoever planned it). */
    boolean allExhausted() {
        return largestFirst.stream().allMatch(s -> s.exhausted);
    }

    /** The task names, largest first. */
    List<String> largestFirst() {
        return largestFirst.stream().map(s -> s.task.name()).collect(Collectors.toList());
    }

    /** Whether every task is planned to its end and nothing is waiting to be redone. */
    boolean allPlanned() {
        synchronized (redo) {
            return redo.isEmpty() && largestFirst.stream().allMatch(s -> s.exhausted);
        }
    }
}
