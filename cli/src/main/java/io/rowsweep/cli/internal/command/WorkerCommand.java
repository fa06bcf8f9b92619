package io.rowsweep.cli.internal.command;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.cli.internal.progress.ConsoleProgress;
import io.rowsweep.cli.internal.run.RunningJob;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.distributed.Worker;
import io.rowsweep.distributed.WorkerSettings;
import io.rowsweep.distributed.WorkerSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code rowsweep worker}: joins a job started with {@code --distributed} and works on its chunks until none is left. */
@Command(name = "worker",
        description = {"Join a job that another process started with --distributed (validate or update) and work on its chunks,"
                + " on this machine, until the job has none left. Any number of workers on any machines can join; db-scheduler"
                + " hands each chunk to one of them, and a worker that dies has its chunks done again by the others. The job's"
                + " settings (what to check or change, chunk time, throttles) come from the process that started it.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  rowsweep validate --url jdbc:postgresql://db/shop --rules rules.yaml --job nightly --distributed --workers 0",
            "  rowsweep worker --url jdbc:postgresql://db/shop --job nightly --workers 8      # on each of several hosts",
            "",
            "Exit codes: 0 the job is done, 2 usage or configuration error, 3 the run failed, 130 interrupted."})
public final class WorkerCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SettingOptions settings = new SettingOptions(WorkerSettings.ALL);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SettingValues values = settings.values();
        try (HikariDataSource pool = connection.pool(values.get(SweepSettings.WORKERS))) {
            Worker worker = Worker.join(pool).with(values).listener(ConsoleProgress.create());
            Thread runner = Thread.currentThread();
            // A worker stops on interrupt: the first one gracefully, the second rolls its chunks back.
            RunningJob.Finished<WorkerSummary> finished = RunningJob.run(worker::run, WorkerSummary::run, runner::interrupt);
            PrintWriter out = spec.commandLine().getOut();
            out.print(finished.summary().describe());
            out.flush();
            finished.outcome().printNextStep(spec.commandLine().getErr());
            return finished.summary().exitCode();
        }
    }
}
