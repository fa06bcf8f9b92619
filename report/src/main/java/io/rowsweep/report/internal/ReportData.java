package io.rowsweep.report.internal;

import io.rowsweep.core.RunSummary;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run report shows: the run's summary, its chunks (from the job state), an optional
 * per-table breakdown from the job, the settings, and the database (URL already redacted).
 *
 * @param breakdown      null when the job gives none
 * @param coverage       what the run checked and left out (validate), empty when the job gives none
 * @param headline       the job's own totals for the cards (validate: rows checked, distinct invalid rows), or null for the engine's
 * @param affectedLabel  what "affected" rows are for this job: {@code Invalid rows}, {@code Rows changed}
 * @param problemsLabel  what "problems" are for this job: {@code Violations}
 * @param live           the run's state now, for the live console; null in a report written at the end of a run
 */
public record ReportData(RunSummary summary, List<ReportChunk> chunks, Breakdown breakdown, List<CoverageRow> coverage, Headline headline,
                         List<SettingRow> settings, String database, String affectedLabel, String problemsLabel, Instant generatedAt,
                         Live live) {

    /**
     * Totals a job counts its own way: validate counts the rows it checked (not the set-based
     * checks' reads again) and each invalid row once.
     */
    public record Headline(long rows, double rowsPerSecond, long affected, long problems) {
    }

    /**
     * A run as its job state shows it now.
     *
     * @param status         the job's status in a word: {@code running}, {@code not responding}, {@code done}, ...
     * @param statusLine     the same in a sentence: who runs it, its last heartbeat, why it is throttled
     * @param tables         rows done of each table against its estimated rows
     * @param eta            the time left at the rate of the last minute, or null (not running, or no estimate)
     * @param refreshSeconds how often the page reloads itself; 0 for a run that has ended
     * @param controls       the console's buttons for this job (HTML forms), or empty
     * @param appendix       sections the console adds at the end (the job's runs), HTML, or empty
     */
    public record Live(String status, String statusLine, List<Table> tables, Duration eta, int refreshSeconds, String controls,
                       String appendix) {

        public Live {
            tables = List.copyOf(tables);
        }

        /** Rows done of one table, against the estimate the run started from (at least the rows done). */
        public record Table(String table, long rows, long estimatedRows) {
        }
    }

    public ReportData {
        chunks = List.copyOf(chunks);
        coverage = List.copyOf(coverage);
        settings = List.copyOf(settings);
    }

    /** A report of {@code summary} and its chunks, labelled for its kind of job, with no breakdown or settings yet. */
    public static ReportData of(RunSummary summary, List<ReportChunk> chunks) {
        String affected;
        String problems;
        switch (summary.kind()) {
            case "validate":
                affected = "Invalid rows";
                problems = "Violations";
                break;
            case "update":
                affected = "Rows changed";
                problems = "Problems";
                break;
            default:
                affected = "Affected rows";
                problems = "Problems";
        }
        return new ReportData(summary, chunks, null, List.of(), null, List.of(), null, affected, problems, Instant.now(), null);
    }

    public ReportData withBreakdown(Breakdown b) {
        return new ReportData(summary, chunks, b, coverage, headline, settings, database, affectedLabel, problemsLabel, generatedAt, live);
    }

    public ReportData withCoverage(List<CoverageRow> rows) {
        return new ReportData(summary, chunks, breakdown, rows, headline, settings, database, affectedLabel, problemsLabel, generatedAt, live);
    }

    public ReportData withHeadline(Headline h) {
        return new ReportData(summary, chunks, breakdown, coverage, h, settings, database, affectedLabel, problemsLabel, generatedAt, live);
    }

    /** The values of {@code shown}, defaults included; connection details are not settings, so no password can get here. */
    public ReportData withSettings(List<? extends Setting<?>> shown, SettingValues values) {
        List<SettingRow> rows = new ArrayList<>();
        for (Setting<?> s : shown) {
            Object v = values.get(s);
            rows.add(new SettingRow(s.name(), v == null ? "" : s.render(v), values.isSet(s)));
        }
        return new ReportData(summary, chunks, breakdown, coverage, headline, rows, database, affectedLabel, problemsLabel, generatedAt, live);
    }

    /** The database, as a URL with any password masked. */
    public ReportData withDatabase(String redactedUrl) {
        return new ReportData(summary, chunks, breakdown, coverage, headline, settings, redactedUrl, affectedLabel, problemsLabel, generatedAt, live);
    }

    public ReportData withLive(Live l) {
        return new ReportData(summary, chunks, breakdown, coverage, headline, settings, database, affectedLabel, problemsLabel, generatedAt, l);
    }

    public ReportData withGeneratedAt(Instant at) {
        return new ReportData(summary, chunks, breakdown, coverage, headline, settings, database, affectedLabel, problemsLabel, at, live);
    }
}
