package io.rowsweep.core;

/** How a run ended. */
public enum RunStatus {
    /** Every chunk of every table is done. */
    DONE,
    /** Some chunks failed; re-running the job retries them. */
    FAILED,
    /** Stopped before the end (Ctrl-C, SIGTERM, interrupt, or a failure with on-error=stop); re-running resumes. */
    STOPPED,
    /**
     * Cancelled on request ({@code rowsweep cancel}, {@code JobControl.cancel}) in every process,
     * after their running chunks committed; re-running resumes it, {@code --restart} discards its progress.
     */
    CANCELLED,
    /** The job had already completed and was not run again (an update runs once more with {@code again}). */
    ALREADY_DONE;

    /** The process exit code for a run that ended so: 0 done (or already done), 3 failed, 130 stopped or cancelled (resumable). */
    public int exitCode() {
        switch (this) {
            case DONE:
            case ALREADY_DONE:
                return 0;
            case STOPPED:
            case CANCELLED:
                return ErrorCode.INTERRUPTED.exitCode();
            default:
                return ErrorCode.RUN_FAILED.exitCode();
        }
    }
}
