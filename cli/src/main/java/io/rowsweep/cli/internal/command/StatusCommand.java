package io.rowsweep.cli.internal.command;

import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.ConnectionSettings;
import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStateConnection;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.core.state.ProblemGroup;
import io.rowsweep.distributed.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code rowsweep status}: a job's state (tables, chunks, failures) from the job state tables, or the list of jobs. */
@Command(name = "status",
        description = {"Show where a job is: its status, its tables' chunks done, running and failed, rows, rate, and the errors of"
                + " failed chunks. Without --job, list the jobs in the database.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  rowsweep status --url jdbc:postgresql://db/shop", "  rowsweep status --url jdbc:postgresql://db/shop --job nightly"})
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SettingOptions settings = new SettingOptions(List.of(SweepSettings.JOB, SweepSettings.STATE_SCHEMA,
            SweepSettings.STATE_URL));

    @Spec
    CommandSpec spec;

    /** The job's problems by kind; none from state tables an older rowsweep made (without the column), which status does not alter. */
    private static List<ProblemGroup> problemGroups(JobStateReader state, String job) {
        try {
            return state.problemGroups(job, 1);
        } catch (SQLException e) {
            return List.of();
        }
    }

    @Override
    public Integer call() {
        SettingValues values = settings.values();
        String job = values.get(SweepSettings.JOB);
        String schema = values.get(SweepSettings.STATE_SCHEMA);
        ConnectionSettings where = connection.settings();
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        try (Connection target = connection.connect();
             // a validation of a read-only target keeps its state elsewhere: in --state-url, or in this machine's file
             JobStateConnection stateAt = JobStateConnection.open(target, values.get(SweepSettings.STATE_URL), schema, job)) {
            JobStateReader state = stateAt.reader();
            String place = stateAt.inTarget() ? (schema == null ? "this database" : "schema " + schema) : stateAt.where();
            if (!state.exists()) {
                if (job != null) {
                    throw new RowSweepException(ErrorCode.CONFIGURATION, "No job named '" + job + "': there are no rowsweep jobs in "
                            + place + ". Check --url" + (schema == null ? " (and --state-schema if the job used one)" : " and --state-schema")
                            + "; a validation of a read-only target kept its state in --state-url, or in a file of the machine it ran on.");
                }
                out.println("No rowsweep jobs in " + place + " yet.");
                return 0;
            }
            if (job == null) {
                List<JobRecord> jobs = state.jobs();
                out.print(jobs.isEmpty() ? "No rowsweep jobs in " + place + " yet." + System.lineSeparator()
                        : StatusView.jobList(jobs, clock.instant(), ZoneId.systemDefault()));
                return 0;
            }
            Optional<JobRecord> record = state.job(job);
            if (record.isEmpty()) {
                List<JobRecord> known = state.jobs();
                throw new RowSweepException(ErrorCode.CONFIGURATION, "No job named '" + job + "' in " + place + ". "
                        + (known.isEmpty() ? "There are no jobs." : "Known jobs: "
                        + known.stream().map(JobRecord::name).collect(Collectors.joining(", ")) + "."));
            }
            out.print(StatusView.job(record.get(), state.tables(job), state.chunks(job), clock.instant(), ZoneId.systemDefault()));
            if (stateAt.inTarget()) { // a distributed run's workers: only where the target keeps the state
                out.print(StatusView.workers(Workers.list(target, job, schema), clock.instant()));
            }
            out.print(StatusView.problemGroups(problemGroups(state, job), record.get().kind()));
            return 0;
        } catch (SQLException e) {
            throw where.describe(e);
        } finally {
            out.flush();
        }
    }
}
