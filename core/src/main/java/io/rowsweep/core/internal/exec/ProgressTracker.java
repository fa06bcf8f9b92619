package io.rowsweep.core.internal.exec;

import io.rowsweep.core.Progress;
import io.rowsweep.core.TableProgress;
import io.rowsweep.core.WorkerStatus;
import io.rowsweep.core.internal.state.ChunkTotals;
import io.rowsweep.core.spi.job.SweepTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Counts what the workers do, lock-free, and makes {@link Progress} snapshots of it. */
final class ProgressTracker {

    private static final class TaskCounters {
        final long estimated;
        final AtomicLong rows = new AtomicLong();
        final AtomicLong affected = new AtomicLong();
        final AtomicLong problems = new AtomicLong();
        final AtomicLong chunksDone = new AtomicLong();
        final AtomicLong chunksFailed = new AtomicLong();
        volatile boolean finished;

        TaskCounters(long estimated) {
            this.estimated = estimated;
        }
    }

    private final String job;
    private final Clock clock;
    private final Instant startedAt;
    private final long startNanos = System.nanoTime();
    private final Map<String, TaskCounters> tasks = new LinkedHashMap<>();
    private final AtomicReferenceArray<WorkerStatus> workers;
    private final AtomicLong rowsThisRun = new AtomicLong();

    ProgressTracker(String job, Clock clock, List<SweepTask<Object>> taskList, int workerCount) {
        this.job = job;
        this.clock = clock;
        this.startedAt = clock.instant();
        for (SweepTask<Object> t : taskList) {
            tasks.put(t.name(), new TaskCounters(Math.max(0, t.estimatedRows())));
        }
        this.workers = new AtomicReferenceArray<>(workerCount);
        for (int i = 0; i < workerCount; i++) {
            workers.set(i, new WorkerStatus(workerName(i), WorkerStatus.State.STARTING, null, startedAt));
        }
    }

    static String workerName(int index) {
        return "rowsweep-" + (index + 1);
    }

    /** Counts chunks done by an earlier run of the job, so totals and the fraction include them. */
    void preload(String task, long rows, long affected, long problems, long chunks) {
        TaskCounters c = tasks.get(task);
        if (c != null) {
            c.rows.addAndGet(rows);
            c.affected.addAndGet(affected);
            c.problems.addAndGet(problems);
            c.chunksDone.addAndGet(chunks);
        }
    }

    void chunkDone(String task, long rows, long affected, long problems) {
        TaskCounters c = tasks.get(task);
        c.rows.addAndGet(rows);
        c.affected.addAndGet(affected);
        c.problems.addAndGet(problems);
        c.chunksDone.incrementAndGet();
        rowsThisRun.addAndGet(rows);
    }

    /**
     * Sets a task's counters from the job state (a distributed run, where other processes do
     * chunks too): {@code done} holds what the DONE chunks add up to.
     */
    void load(String task, ChunkTotals done, long failedChunks, boolean finished) {
        TaskCounters c = tasks.get(task);
        rowsThisRun.addAndGet(done.rows() - c.rows.getAndSet(done.rows()));
        c.affected.set(done.affected());
        c.problems.set(done.problems());
        c.chunksDone.set(done.chunks());
        c.chunksFailed.set(failedChunks);
        c.finished = finished;
    }

    int workerCount() {
        return workers.length();
    }

    void chunkFailed(String task) {
        tasks.get(task).chunksFailed.incrementAndGet();
    }

    private volatile java.util.function.Supplier<String> throttle = () -> null;

    void taskFinished(String task) {
        tasks.get(task).finished = true;
    }

    void worker(int index, WorkerStatus.State state, String chunk) {
        workers.set(index, new WorkerStatus(workerName(index), state, chunk, clock.instant()));
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Where snapshots read why the run is slowed down now (the run's rate limiter). */
    void throttle(java.util.function.Supplier<String> why) {
        this.throttle = why;
    }

    Progress snapshot() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        long done = 0;
        long estimated = 0;
        long affected = 0;
        long problems = 0;
        long chunksDone = 0;
        long chunksFailed = 0;
        List<TableProgress> tables = new ArrayList<>();
        for (Map.Entry<String, TaskCounters> e : tasks.entrySet()) {
            TaskCounters c = e.getValue();
            long rows = c.rows.get();
            // A finished table's estimate is its real count; a running one's is at least what is done.
            long est = c.finished ? rows : Math.max(c.estimated, rows);
            tables.add(new TableProgress(e.getKey(), rows, est, c.affected.get(), c.problems.get(), c.chunksDone.get(),
                    c.chunksFailed.get(), c.finished));
            done += rows;
            estimated += est;
            affected += c.affected.get();
            problems += c.problems.get();
            chunksDone += c.chunksDone.get();
            chunksFailed += c.chunksFailed.get();
        }
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? rowsThisRun.get() / seconds : 0;
        Duration eta = rate > 0 && rowsThisRun.get() > 0 ? Duration.ofMillis((long) (Math.max(0, estimated - done) / rate * 1000)) : null;
        List<WorkerStatus> ws = new ArrayList<>(workers.length());
        for (int i = 0; i < workers.length(); i++) {
            ws.add(workers.get(i));
        }
        return new Progress(job, startedAt, elapsed, done, estimated, rate, eta, affected, problems, chunksDone, chunksFailed, ws, tables,
                throttle.get());
    }
}
