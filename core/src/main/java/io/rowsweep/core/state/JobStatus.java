package io.rowsweep.core.state;

/** A job's status in {@code rowsweep_job}. */
public enum JobStatus {
    RUNNING, DONE, FAILED, STOPPED,
    /**
     * Paused on request ({@code rowsweep pause}): no process of the run runs a chunk, and each
     * waits, alive, until the run is resumed or cancelled.
     */
    PAUSED,
    /**
     * Ended on request ({@code rowsweep cancel}) in every process, after their running chunks
     * committed. Its progress is kept: running the job again resumes it; {@code --restart}
     * discards it.
     */
    CANCELLED;

    public boolean finished() {
        return this == DONE;
    }
}
