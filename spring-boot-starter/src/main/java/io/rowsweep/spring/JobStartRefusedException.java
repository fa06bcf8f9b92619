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
        /** The job is running in this application already, or (for a retry) anywhere. */
        ALREADY_RUNNING,
        /** A parameter is unknown, missing or not of its type: the message names each, and what it takes. */
        INVALID_PARAMETERS,
        /** The job has an unfinished run started with other parameter values, which only those values resume. */
        OTHER_PARAMETERS,
        /** A retry of a job with no unfinished run: never run, or completed. */
        NOTHING_TO_RETRY
    }

    /** The HTTP status that says why: 404 for an unknown job, 400 for bad parameters, else 409 (the job's state does not allow it). */
    public int httpStatus() {
        return switch (reason) {
            case UNKNOWN_JOB -> 404;
            case INVALID_PARAMETERS -> 400;
            default -> 409;
        };
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
