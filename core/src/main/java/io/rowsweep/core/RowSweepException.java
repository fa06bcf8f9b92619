package io.rowsweep.core;

import java.util.Objects;

/**
 * The one exception rowsweep throws. Its message says what happened, naming the table, column
 * or setting, and what to do about it; {@link #code()} tells the exit code.
 */
public class RowSweepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RowSweepException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RowSweepException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** Shorthand for a {@link ErrorCode#USAGE} error. */
    public static RowSweepException usage(String message) {
        return new RowSweepException(ErrorCode.USAGE, message);
    }

    /** Shorthand for a {@link ErrorCode#CONFIGURATION} error. */
    public static RowSweepException configuration(String message) {
        return new RowSweepException(ErrorCode.CONFIGURATION, message);
    }
}
