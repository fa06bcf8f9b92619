package io.rowsweep.cli.internal.run;

import io.rowsweep.core.ChunkFailure;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.report.internal.Format;

import java.io.PrintWriter;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a job in the foreground of the command line: Ctrl-C and SIGTERM stop it gracefully through
 * {@link Interrupts}, and the outcome knows its exit code and what to tell the user next.
 */
public final class RunningJob {

    private RunningJob() {
    }

    /**
     * Runs {@code run} (e.g. a job API's {@code run()}); a signal calls {@code requestStop}, which
     * must make the run end soon with {@link RunStatus#STOPPED} (a second call: abort).
     */
    public static Outcome run(Supplier<RunSummary> run, Runnable requestStop) {
        return run(run, s -> s, requestStop).outcome();
    }

    /**
     * Runs {@code run}, a job API's {@code run()} returning its own summary, of which {@code runOf}
     * is the engine's part; a signal calls {@code requestStop} as above.
     */
    public static <S> Finished<S> run(Supplier<S> run, Function<S, RunSummary> runOf, Runnable requestStop) {
        try (Interrupts interrupts = Interrupts.install(requestStop)) {
            S summary = run.get();
            return new Finished<>(summary, new Outcome(runOf.apply(summary), interrupts.interrupted()));
        }
    }

    /** A job API's summary of a foreground run, and how the run ended. */
    public record Finished<S>(S summary, Outcome outcome) {
    }

    /**
     * How a foreground run ended.
     *
     * @param interrupted whether Ctrl-C or SIGTERM asked it to stop
     */
    public record Outcome(RunSummary summary, boolean interrupted) {

        /**
         * 0 done (or already done), 3 failed, 130 stopped (resumable). A validate command turns
         * 0 into 1 itself when it found invalid rows.
         */
        public int exitCode() {
            switch (summary.status()) {
                case DONE:
                case ALREADY_DONE:
                    return 0;
                case FAILED:
                    return 3;
                default:
                    return 130;
            }
        }

        /** Prints {@link #nextStep()}, if any, to {@code err}. */
        public void printNextStep(PrintWriter err) {
            String next = nextStep();
            if (next != null) {
                err.println(next);
                err.flush();
            }
        }

        /** One paragraph telling how to resume or retry the job, or null when it is done. */
        public String nextStep() {
            String job = summary.job();
            String status = "'rowsweep status --job " + job + "' shows its chunks.";
            switch (summary.status()) {
                case CANCELLED:
                    return "Cancelled on request; the progress of job '" + job + "' is saved. Re-run the same command to resume"
                            + " it, or pass --restart to discard it; " + status;
                case STOPPED:
                    return "Stopped" + (interrupted ? " on request" : "") + "; the progress of job '" + job + "' is saved."
                            + " Re-run the same command to resume it; " + status;
                case FAILED: {
                    int n = summary.failures().size();
                    String first = "";
                    if (n > 0) {
                        ChunkFailure f = summary.failures().get(0);
                        first = " The first: " + f.table() + " chunk " + f.chunk() + " " + f.range() + ": "
                                + Format.abbreviate(f.error(), 300) + ".";
                    }
                    return "Job '" + job + "' failed: " + (n == 0 ? "it could not finish." : n + (n == 1 ? " chunk" : " chunks")
                            + " failed.") + first + " Fix the cause and re-run the same command: done chunks are kept and failed"
                            + " ones retried; " + status;
                }
                default:
                    return null;
            }
        }
    }
}
