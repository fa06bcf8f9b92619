package io.rowsweep.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in-process, as {@code ./rowsweep} would, and captures what it prints. */
final class Cli {

    private Cli() {
    }

    /**
     * @param err what the command printed to its error writer (messages)
     * @param log what went to the process's standard error meanwhile (log lines, progress)
     */
    record Result(int exitCode, String out, String err, String log) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err + "--- log\n" + log;
        }
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** With these environment variables instead of the process's; the test job command is added as {@code sweep-test}. */
    static Result run(Map<String, String> env, String... args) {
        CommandLine cmd = RowSweepCli.commandLine(new RowSweepCli(env));
        cmd.addSubcommand(new SweepTestCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cmd.execute(args);
        } finally {
            System.setErr(stderr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        stderr.print(logged);
        return new Result(code, out.toString(), err.toString(), logged);
    }
}
