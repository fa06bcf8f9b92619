package io.rowsweep.bench;

import java.util.List;
import java.util.Map;

/**
 * A contender that is a program of its own, started by a forked run as its users start it (rowsweep: the {@code rowsweep}
 * command), so the run pays what theirs pays, the launcher's start-up work included.
 *
 * @param command     the command line, program first
 * @param environment variables added to the harness's environment (the connection, {@code JAVA_OPTS})
 * @param output      reads the counts from what the program printed
 */
public record Launch(List<String> command, Map<String, String> environment, OutputReader output) {

    public Launch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** Reads a finished program's counts from its exit code and output (stdout, then stderr). */
    @FunctionalInterface
    public interface OutputReader {
        /** The counts; throws {@link IllegalStateException} when the exit code or the output says the run failed. */
        ContenderResult read(int exitCode, String output);
    }
}
