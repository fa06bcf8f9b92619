package io.rowsweep.core;

/**
 * A run of a job recorded in the job state for other processes to run, and returned at once
 * (an update's {@code queue(connection)}): no chunk was planned or run by the process that queued it.
 *
 * @param job   the job's name: what {@code rowsweep worker --job} and {@code ensureFinished} take
 * @param run   the run's number in the job state
 * @param state what queueing found and did
 */
public record QueuedRun(String job, int run, State state) {

    /** What queueing found and did. */
    public enum State {
        /** A new run was recorded; it waits for a worker. */
        QUEUED,
        /** The job had an unfinished run (queued, running, stopped or failed) with the same spec: it goes on, its failed chunks queued again; nothing done is done again. */
        RESUMED,
        /** The job had completed with the same spec: nothing was recorded, and it is not run again. */
        ALREADY_DONE
    }
}
