package io.rowsweep.cli.internal.options;

import io.rowsweep.cli.internal.console.CliLogging;
import io.rowsweep.core.RowSweepException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code -q/--quiet} and {@code -v/--verbose}, declared once on the root command and inherited by every subcommand. */
public final class LoggingOptions {

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, order = 100,
            description = "Print only warnings, errors and the result: no progress display, no log lines.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, order = 101,
            description = "Log details (DEBUG) and print stack traces with errors.")
    boolean verbose;

    /** The mode the flags ask for. */
    public CliLogging.Mode mode() {
        if (quiet && verbose) {
            throw RowSweepException.usage("--quiet and --verbose contradict each other; pass one of them.");
        }
        return quiet ? CliLogging.Mode.QUIET : verbose ? CliLogging.Mode.VERBOSE : CliLogging.Mode.NORMAL;
    }
}
