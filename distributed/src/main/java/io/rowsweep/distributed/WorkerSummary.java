package io.rowsweep.distributed;

import io.rowsweep.core.RunSummary;

/**
 * How a worker's part in a distributed run ended.
 *
 * @param run        the run's summary, counted from the job state: what all processes did so far
 * @param chunksDone chunks this worker did
 * @param rowsDone   rows in those chunks
 */
public record WorkerSummary(RunSummary run, long chunksDone, long rowsDone) {

    /**
     * The process exit code: 0 the run is done (or was already), 3 it failed (chunks failed, or
     * the database stayed away), 130 this worker or the run was stopped (running the worker again
     * joins the run again once it is resumed).
     */
    public int exitCode() {
        return run.status().exitCode();
    }

    /** One line for people. */
    public String describe() {
        String job = "Job '" + run.job() + "'";
        switch (run.status()) {
            case ALREADY_DONE:
                return job + " had already completed; nothing to do.";
            case DONE:
                return job + " is done: this worker did " + chunksDone + " chunks (" + rowsDone + " rows) of " + run.rows() + " rows.";
            case CANCELLED:
                return job + " was cancelled: this worker did " + chunksDone + " chunks (" + rowsDone + " rows); its progress is kept.";
            case STOPPED:
                return job + ": this worker stopped after " + chunksDone + " chunks (" + rowsDone + " rows); the run is saved.";
            default:
                return job + " failed: this worker did " + chunksDone + " chunks (" + rowsDone + " rows); see the run's failed chunks"
                        + " (rowsweep status --job " + run.job() + ").";
        }
    }
}
