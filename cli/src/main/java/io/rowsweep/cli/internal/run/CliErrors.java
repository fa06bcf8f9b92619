package io.rowsweep.cli.internal.run;

import io.rowsweep.cli.internal.console.CliLogging;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How the command line reports errors: one line, {@code rowsweep: <what happened and the fix>},
 * on standard error, with the exit code of the error's {@link ErrorCode}; the stack trace only with
 * {@code --verbose}. Wrong flags and values exit 2 with a hint to the command's help.
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Exit code for an error that is not a {@link RowSweepException}: a bug, reported as a failed run. */
    static final int UNEXPECTED = ErrorCode.RUN_FAILED.exitCode();

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        RowSweepException cause = find(ex);
        err.println("rowsweep: " + oneLine(cause != null ? cause.getMessage() : ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(helpHint(cmd));
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        RowSweepException known = find(ex);
        int exitCode;
        if (known != null) {
            err.println("rowsweep: " + oneLine(known.getMessage()));
            if (known.code() == ErrorCode.USAGE) {
                err.println(helpHint(cmd));
            }
            exitCode = known.code().exitCode();
        } else {
            err.println("rowsweep: unexpected error: " + oneLine(ex.toString()) + (CliLogging.verbose() ? "" : " (--verbose shows the stack trace)"));
            exitCode = UNEXPECTED;
        }
        if (CliLogging.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** Scripts read the error as one line: a message quoting a driver or parser may span several. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String helpHint(CommandLine cmd) {
        return "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.";
    }

    static RowSweepException find(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = t; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (e instanceof RowSweepException) {
                return (RowSweepException) e;
            }
        }
        return null;
    }
}
