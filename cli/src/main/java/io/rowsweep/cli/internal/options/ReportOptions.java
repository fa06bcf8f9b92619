package io.rowsweep.cli.internal.options;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.report.internal.ReportData;
import io.rowsweep.report.internal.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@code --report FILE}: the HTML run report of a validate or update run. Use as {@code @Mixin ReportOptions report;}. */
public final class ReportOptions {

    private static final Logger LOG = LoggerFactory.getLogger(ReportOptions.class);

    @Option(names = "--report", paramLabel = "FILE", converter = WritablePath.class,
            description = "Write an HTML report of the run to FILE: worker timeline, throughput, per-table summary, settings."
                    + " Self-contained: it opens offline and can be mailed.")
    Path file;

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Writes the report of a finished run when {@code --report} was given and tells where; a
     * report that cannot be written is logged as an error and does not change the run's outcome.
     *
     * @param shown       the settings to list (e.g. {@code SettingOptions.settings()})
     * @param database    the redacted URL ({@link ConnectionSettings#redactedUrl()})
     * @param jobPart     adds what the job tells besides the engine: its breakdown, coverage, totals
     */
    public Optional<Path> write(DataSource dataSource, RunSummary summary, List<? extends Setting<?>> shown, SettingValues values,
                                String database, UnaryOperator<ReportData> jobPart) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            Path written = RunReport.write(file, jobPart.apply(RunReport.load(dataSource, values.get(SweepSettings.STATE_SCHEMA),
                    values.get(SweepSettings.STATE_URL), summary)
                    .withSettings(shown, values).withDatabase(database)));
            LOG.info("Report: {}", written.toUri());
            return Optional.of(written);
        } catch (RowSweepException e) {
            LOG.error("No report: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Checks at parse time that the report can be created, so a typo does not surface only after an hour's run. */
    static final class WritablePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = Path.of(value).toAbsolutePath();
            String problem = null;
            if (Files.isDirectory(path)) {
                problem = "is a folder; name a file, e.g. " + path.resolve("run.html");
            } else if (!Files.isDirectory(path.getParent())) {
                problem = "its folder " + path.getParent() + " does not exist; create it or choose another path";
            } else if (!Files.isWritable(path.getParent())) {
                problem = "its folder " + path.getParent() + " is not writable; choose another path";
            }
            if (problem != null) {
                TypeConversionException e = new TypeConversionException("--report " + value + ": " + problem);
                e.initCause(RowSweepException.usage("--report " + value + ": " + problem + "."));
                throw e;
            }
            return Path.of(value);
        }
    }
}
