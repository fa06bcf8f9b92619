package io.rowsweep.cli.internal.command;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.ReportOptions;
import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.cli.internal.progress.ConsoleProgress;
import io.rowsweep.cli.internal.progress.ValidationView;
import io.rowsweep.cli.internal.run.RunningJob;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.report.internal.Breakdown;
import io.rowsweep.report.internal.CoverageRow;
import io.rowsweep.report.internal.ReportData;
import io.rowsweep.validation.TableValidation;
import io.rowsweep.validation.Validation;
import io.rowsweep.validation.ValidationSettings;
import io.rowsweep.validation.ValidationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rowsweep validate}: every row against the application's rules (entity classes or a rules file). */
@Command(name = "validate",
        description = {"Check every row of the tables against the application's own validation rules: its JPA entity classes with"
                + " their Bean Validation constraints (--classpath, --entities), or a YAML rules file (--rules). Each violation is"
                + " written to --out as it is found. Re-running the same command resumes an interrupted run.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  rowsweep validate --url jdbc:postgresql://db/shop --classpath app.jar:libs/* --entities com.acme.model"
                + " --out violations.jsonl",
            "  rowsweep validate --url jdbc:mariadb://db/shop --rules rules.yaml --tables posts,authors --workers 8 --report run.html",
            "",
            "Exit codes: 0 every row valid, 1 invalid rows found, 2 usage or configuration error, 3 the run failed,"
                + " 130 interrupted (re-run to resume)."})
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SettingOptions settings = new SettingOptions(ValidationSettings.ALL, SweepSettings.ALL);

    @Mixin
    ReportOptions report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SettingValues values = settings.values();
        try (HikariDataSource pool = connection.pool(values.get(SweepSettings.WORKERS))) {
            Validation validation = Validation.of(pool).with(values).listener(ConsoleProgress.create());
            RunningJob.Finished<ValidationSummary> finished = RunningJob.run(validation::run, ValidationSummary::run,
                    validation::requestStop);
            ValidationSummary summary = finished.summary();
            RunningJob.Outcome outcome = finished.outcome();
            report.write(pool, outcome.summary(), settings.settings(), values, connection.settings().redactedUrl(),
                    data -> data.withBreakdown(breakdown(summary)).withCoverage(coverage(summary)).withHeadline(new ReportData.Headline(
                            summary.rowsChecked(), summary.rowsPerSecond(), summary.invalidRows(), summary.violationCount())));
            PrintWriter out = spec.commandLine().getOut();
            out.print(ValidationView.summary(summary));
            if (summary.violations() != null && summary.violationCount() > 0) {
                out.println(summary.violationCount() + " violations in " + summary.invalidRows() + " rows: " + summary.violations());
            }
            out.flush();
            outcome.printNextStep(spec.commandLine().getErr());
            return outcome.exitCode() == 0 ? summary.exitCode() : outcome.exitCode();
        }
    }

    static List<CoverageRow> coverage(ValidationSummary summary) {
        return summary.coverage().stream().map(c -> new CoverageRow(c.name(), c.table(), c.status(), c.reason(), c.fieldsChecked(),
                c.fieldsSkipped())).toList();
    }

    static Breakdown breakdown(ValidationSummary summary) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (TableValidation t : summary.tables()) {
            counts.put(t.table(), t.violationsByConstraint());
        }
        return new Breakdown("Violations by table and constraint", "Constraint", "Violations", counts);
    }
}
