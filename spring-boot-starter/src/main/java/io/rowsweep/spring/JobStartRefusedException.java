package io.rowsweep.spring;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;

/** A request to start a job that cannot be carried out; nothing was started or written. */
public final class JobStartRefusedException extends RowSweepException {

    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    public enum Reason {
        /** No job of that name is declared. */
        UNKNOWN_JOB,
        /** The job is running in this application already. */
        ALREADY_RUNNING
    }

    private final Reason reason;
    private final String job;

    JobStartRefusedException(Reason reason, String job, String message) {
        super(ErrorCode.USAGE, message);
        this.reason = reason;
        this.job = job;
    }

    public Reason reason() {
        return reason;
    }

    /** The job name asked for. */
    public String job() {
        return job;
    }
}
