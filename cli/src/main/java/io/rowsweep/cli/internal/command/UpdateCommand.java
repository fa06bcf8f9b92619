package io.rowsweep.cli.internal.command;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.ReportOptions;
import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.cli.internal.progress.ConsoleProgress;
import io.rowsweep.cli.internal.run.RunningJob;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.report.internal.Breakdown;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSettings;
import io.rowsweep.update.UpdateSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rowsweep update}: fix or backfill a table in exactly-once key-range chunks. */
@Command(name = "update",
        description = {"Fix or backfill the rows of a table in parallel key-range chunks, each one short transaction that commits its"
                + " writes together with its checkpoint: a crash, kill -9 or Ctrl-C followed by the same command never applies a chunk"
                + " twice and never skips one. SQL mode: --set (and --where), trusted SQL run as written. Java mode: --classpath and"
                + " --fix, a RowFix class that sees each row, locked for its chunk.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  rowsweep update --url jdbc:postgresql://db/shop --table invoices --set \"service_fee_amount = amount * 0.1\""
                + " --where \"service_fee = 1\" --job fix-fees",
            "  rowsweep update --url jdbc:mariadb://db/shop --table invoices --classpath fix.jar --fix com.acme.FixInvoices --dry-run",
            "",
            "Exit codes: 0 done, 2 usage or configuration error, 3 the run failed, 130 interrupted (re-run to resume)."})
public final class UpdateCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SettingOptions settings = new SettingOptions(UpdateSettings.ALL, SweepSettings.ALL);

    @Mixin
    ReportOptions report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SettingValues values = settings.values();
        try (HikariDataSource pool = connection.pool(values.get(SweepSettings.WORKERS))) {
            Update update = Update.of(pool).with(values).listener(ConsoleProgress.create());
            RunningJob.Finished<UpdateSummary> finished = RunningJob.run(update::run, UpdateSummary::run, update::requestStop);
            UpdateSummary summary = finished.summary();
            RunningJob.Outcome outcome = finished.outcome();
            Map<String, Map<String, Long>> changed = new LinkedHashMap<>();
            summary.rowsChanged().forEach((table, rows) -> changed.put(table, Map.of(summary.dryRun() ? "would change" : "changed", rows)));
            report.write(pool, outcome.summary(), settings.settings(), values, connection.settings().redactedUrl(),
                    data -> data.withBreakdown(new Breakdown("Rows changed", "", "Rows", changed)));
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary.describe());
            out.flush();
            outcome.printNextStep(spec.commandLine().getErr());
            return outcome.exitCode();
        }
    }
}
