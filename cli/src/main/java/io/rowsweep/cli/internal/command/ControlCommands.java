package io.rowsweep.cli.internal.command;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.core.state.JobRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * {@code rowsweep pause|resume|cancel --job NAME}: a request to a run, wherever it runs, through
 * the job state ({@link JobControl}). Each returns as soon as the request is recorded; every
 * process of the run acts on it before it claims its next chunk.
 */
public final class ControlCommands {

    private ControlCommands() {
    }

    /** What the three commands share: the connection, --job and --state-schema, and how the outcome is printed. */
    abstract static class Request implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Mixin
        SettingOptions settings = new SettingOptions(List.of(SweepSettings.JOB, SweepSettings.STATE_SCHEMA));

        @Spec
        CommandSpec spec;

        private final BiFunction<JobControl, String, JobRecord> request;
        private final String done;

        Request(BiFunction<JobControl, String, JobRecord> request, String done) {
            this.request = request;
            this.done = done;
        }

        @Override
        public Integer call() {
            SettingValues values = settings.values();
            String job = values.get(SweepSettings.JOB);
            if (job == null) {
                throw RowSweepException.usage("Name the job: --job NAME (rowsweep status lists the jobs).");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (HikariDataSource pool = connection.pool(1)) {
                JobRecord now = request.apply(JobControl.of(pool, values.get(SweepSettings.STATE_SCHEMA)), job);
                out.println("Job '" + job + "' run " + now.run() + ": " + done + " (status " + now.status().name().toLowerCase(Locale.ROOT)
                        + (now.requested() == null ? "" : ", " + now.requested().name().toLowerCase(Locale.ROOT) + " requested") + ").");
                return 0;
            } finally {
                out.flush();
            }
        }
    }

    @Command(name = "pause",
            description = {"Pause a running job, whichever processes and hosts run it: none of them claims another chunk; their"
                    + " running chunks finish and commit, and the job is then PAUSED (rowsweep status shows it). The processes stay"
                    + " and wait for rowsweep resume.", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  rowsweep pause --url jdbc:postgresql://db/shop --job fix-fees", "",
                "Exit codes: 0 requested, 2 no such job, or it is not running (paused already, finished, stopped), or a connection error."})
    public static final class Pause extends Request {
        public Pause() {
            super(JobControl::pause, "pause requested; running chunks finish first");
        }
    }

    @Command(name = "resume",
            description = {"Resume a paused job: its processes go on claiming chunks where they stopped.", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  rowsweep resume --url jdbc:postgresql://db/shop --job fix-fees", "",
                "Exit codes: 0 resumed, 2 no such job, or it is not paused, or a connection error."})
    public static final class Resume extends Request {
        public Resume() {
            super(JobControl::resume, "resumed");
        }
    }

    @Command(name = "cancel",
            description = {"Cancel a running or paused job, whichever processes and hosts run it: none of them claims another"
                    + " chunk; their running chunks finish and commit, and the run ends CANCELLED in every process (exit code 130)."
                    + " Its progress is kept: re-running the command that started it resumes it; --restart discards it.", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  rowsweep cancel --url jdbc:postgresql://db/shop --job fix-fees", "",
                "Exit codes: 0 requested, 2 no such job, or it is not running or paused (finished, stopped), or a connection error."})
    public static final class Cancel extends Request {
        public Cancel() {
            super(JobControl::cancel, "cancel requested; running chunks finish first");
        }
    }
}
