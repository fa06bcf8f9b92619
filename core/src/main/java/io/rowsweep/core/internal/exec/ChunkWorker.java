package io.rowsweep.core.internal.exec;

import io.rowsweep.core.WorkerStatus;

/**
 * Runs queued chunks (distributed mode) for one thread, exactly as a local worker runs claimed
 * ones: the chunk's work and its checkpoint commit in one transaction, transient errors are
 * retried on a new connection, permanent ones recorded. Between chunks it holds no connection.
 */
public final class ChunkWorker implements AutoCloseable {

    /** How running a chunk ended. */
    public enum Result {
        /** This worker did it: its work and checkpoint committed. */
        DONE,
        /** It failed for good and is recorded as FAILED. */
        FAILED,
        /** Another process (or an earlier attempt whose acknowledgement was lost) committed it; nothing was done. */
        DONE_ELSEWHERE,
        /** Rolled back because this process is stopping, or the database stayed away: it must be run again. */
        NOT_FINISHED
    }

    private final ChunkRunner runner;
    private long lastRows;

    ChunkWorker(ChunkRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs chunk {@code number} of {@code task} unless the job state says it is done, then pauses
     * as throttling asks (pause-between-chunks, max-rows-per-second).
     *
     * @param plannedRows the rows its range held when planned, or -1
     */
    public Result run(String task, int number, long plannedRows) {
        try {
            ChunkRunner.Ran ran = runner.runQueued(task, number, plannedRows);
            lastRows = ran.rows();
            if (ran.result() == Result.DONE) {
                runner.pauseAfter(ran.rows());
            }
            return ran.result();
        } finally {
            runner.close(); // the connection goes back to the pool between chunks
            runner.context().tracker().worker(runner.index(), WorkerStatus.State.CLAIMING, null);
            Thread.currentThread().setName(runner.name() + " idle");
        }
    }

    /** The rows the last chunk this worker ran processed (0 unless it was {@link Result#DONE}). */
    public long lastRows() {
        return lastRows;
    }

    @Override
    public void close() {
        runner.close();
        runner.context().tracker().worker(runner.index(), WorkerStatus.State.DONE, null);
    }
}
