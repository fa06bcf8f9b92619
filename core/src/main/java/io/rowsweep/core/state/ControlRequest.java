package io.rowsweep.core.state;

/**
 * What was asked of a running job from any process ({@code rowsweep pause|cancel}), recorded in
 * its {@code rowsweep_job} row until every process of the run acted on it (the job is then
 * {@link JobStatus#PAUSED} or {@link JobStatus#CANCELLED}).
 */
public enum ControlRequest {
    /** Claim no more chunks, finish the running ones, then wait to be resumed. */
    PAUSE,
    /** Claim no more chunks, finish the running ones, then end the run as cancelled. */
    CANCEL
}
