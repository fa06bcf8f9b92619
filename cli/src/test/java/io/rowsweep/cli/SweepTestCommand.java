package io.rowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.ConnectionSettings;
import io.rowsweep.cli.internal.options.ReportOptions;
import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.cli.internal.progress.ConsoleProgress;
import io.rowsweep.cli.internal.progress.ProgressView;
import io.rowsweep.cli.internal.run.RunningJob;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.TableSummary;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.report.internal.Breakdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A job command as validate and update are built: connection, generated settings, report,
 * progress, Ctrl-C handling, exit code; it runs {@link CountingJob}. Tests add it to the CLI.
 */
@Command(name = "sweep-test", description = "Runs the counting test job.")
final class SweepTestCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SettingOptions settings = new SettingOptions(SweepSettings.ALL);

    @Mixin
    ReportOptions report;

    @Option(names = "--table", required = true, split = ",")
    List<String> tables;

    @Option(names = "--poison")
    Long poison;

    @Option(names = "--sleep-per-chunk")
    long sleepMillis;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SettingValues values = settings.values();
        ConnectionSettings where = connection.settings();
        try (HikariDataSource pool = connection.pool(values.get(SweepSettings.WORKERS))) {
            SweepEngine engine = new SweepEngine(pool, values, List.of(ConsoleProgress.create()), Clock.systemUTC());
            RunningJob.Outcome outcome = RunningJob.run(() -> engine.run(new CountingJob(tables, sleepMillis, poison)), engine::requestStop);
            report.write(pool, outcome.summary(), settings.settings(), values, where.redactedUrl(),
                    data -> data.withBreakdown(breakdown(outcome.summary())));
            spec.commandLine().getOut().print(ProgressView.summary(outcome.summary(), "Invalid rows", "Violations"));
            spec.commandLine().getOut().flush();
            outcome.printNextStep(spec.commandLine().getErr());
            return outcome.exitCode();
        }
    }

    private static Breakdown breakdown(RunSummary summary) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (TableSummary t : summary.tables()) {
            counts.put(t.table(), Map.of("id divisible by " + CountingJob.INVALID_EVERY, t.problems()));
        }
        return new Breakdown("Violations by table and constraint", "Constraint", "Violations", counts);
    }
}
