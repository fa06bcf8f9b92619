package io.rowsweep.core;

/**
 * Why a run could not do its work. Each code maps to one process exit code, so the CLI and
 * scripts need no other classification.
 */
public enum ErrorCode {
    /** A flag, setting or API argument is wrong or missing. */
    USAGE(2),
    /** The configuration names something that does not exist or cannot work (table, column, rule, entity, job spec). */
    CONFIGURATION(2),
    /** The database cannot be reached, or refuses the credentials. */
    CONNECTION(2),
    /** The run started but could not finish: failed chunks, or the database went away for longer than the retry deadline. */
    RUN_FAILED(3),
    /** The run was stopped (Ctrl-C, SIGTERM, interrupt); its state is saved and re-running the job resumes it. */
    INTERRUPTED(130);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this error. */
    public int exitCode() {
        return exitCode;
    }
}
