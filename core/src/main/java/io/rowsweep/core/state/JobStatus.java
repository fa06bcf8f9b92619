package io.rowsweep.core.state;

/** A job's status in {@code rowsweep_job}. */
public enum JobStatus {
    RUNNING, DONE, FAILED, STOPPED;

    public boolean finished() {
        return this == DONE;
    }
}
