package io.rowsweep.report.internal;

import io.rowsweep.core.ChunkFailure;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.TableSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's rendering from made-up runs: scale, escaping, edge cases. */
class HtmlReportTest {

    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    /** {@code chunks} chunks of 1,000 rows, 100 ms each, spread round-robin over {@code workers} workers and {@code tables} tables. */
    static ReportData run(int chunks, int workers, int tables, int failedEvery) {
        List<ReportChunk> list = new ArrayList<>();
        long[] laneTime = new long[workers];
        List<TableSummary> summaries = new ArrayList<>();
        List<ChunkFailure> failures = new ArrayList<>();
        long[] rowsPerTable = new long[tables];
        for (int i = 0; i < chunks; i++) {
            int w = i % workers;
            int t = (int) ((long) i * tables / chunks);
            long start = START.toEpochMilli() + laneTime[w];
            laneTime[w] += 100;
            boolean failed = failedEvery > 0 && i % failedEvery == failedEvery - 1;
            list.add(new ReportChunk("table_" + t, i + 1, "(" + i * 1000 + ".." + (i + 1) * 1000 + "]", "host:42/rowsweep-" + (w + 1),
                    start, start + 95, failed ? 0 : 1000, failed ? "FAILED" : "DONE", failed ? 3 : 1, failed ? "boom at id=" + i : null));
            if (failed) {
                failures.add(new ChunkFailure("table_" + t, i + 1, "(..]", 3, "boom at id=" + i));
            } else {
                rowsPerTable[t] += 1000;
            }
        }
        for (int t = 0; t < tables; t++) {
            summaries.add(new TableSummary("table_" + t, "primary key (id)", rowsPerTable[t], 0, 0, chunks / tables, 0, Duration.ofSeconds(10)));
        }
        RunSummary summary = new RunSummary("validate-abc", 1, "validate", failures.isEmpty() ? RunStatus.DONE : RunStatus.FAILED, false,
                START, Duration.ofMillis(laneTime[0]), workers, summaries, failures);
        return ReportData.of(summary, list).withGeneratedAt(START.plusSeconds(3600));
    }

    static int count(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void fewChunksAreDrawnOneByOneWithHoverTitles() {
        String html = HtmlReport.render(run(200, 4, 3, 0), ZoneOffset.UTC);
        assertThat(count(html, "<rect [^>]*><title>table_\\d chunk")).isEqualTo(200);
        assertThat(html).contains("table_0 chunk 1 (0..1000]\n1,000 rows in 95ms, from +0s on rowsweep-1")
                .contains(">rowsweep-4</text>").doesNotContain("host:42/rowsweep");
    }

    @Test
    void tensOfThousandsOfChunksStaySmall() {
        String html = HtmlReport.render(run(60_000, 16, 14, 5_000), ZoneOffset.UTC);
        assertThat(html.length()).as("report size").isLessThan(1_500_000);
        assertThat(html).contains("With 60,000 chunks, each pixel column shows the table");
        // failed chunks stay visible one by one
        assertThat(count(html, "FAILED after 3 attempts: boom at id=\\d+")).isEqualTo(12);
        // more tables than colours: the smallest share the grey of "other tables"
        assertThat(html).contains("other tables").contains(TableColors.OTHER);
        assertThat(count(html, "<rect ")).isLessThan(16 * 1_000);
    }

    @Test
    void namesAndErrorsAreEscaped() {
        ReportData data = run(10, 2, 1, 0);
        List<ReportChunk> chunks = new ArrayList<>();
        for (ReportChunk c : data.chunks()) {
            chunks.add(new ReportChunk("<script>alert(1)</script>", c.number(), c.range(), c.worker(), c.startedAt(), c.finishedAt(),
                    c.rows(), "FAILED", 1, "value \"<b>\" & more"));
        }
        RunSummary s = data.summary();
        RunSummary evil = new RunSummary(s.job(), s.run(), s.kind(), RunStatus.FAILED, false, s.startedAt(), s.elapsed(), s.workers(),
                List.of(new TableSummary("<script>alert(1)</script>", "k", 1, 0, 0, 1, 1, Duration.ZERO)),
                List.of(new ChunkFailure("<script>alert(1)</script>", 1, "(1..2]", 1, "value \"<b>\" & more")));
        String html = HtmlReport.render(ReportData.of(evil, chunks)
                .withBreakdown(new Breakdown("By <i>", "Item", "Count", Map.of("<script>", Map.of("<b>", 3L)))), ZoneOffset.UTC);
        assertThat(html).doesNotContain("<script").doesNotContain("<b>").doesNotContain("<i>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "value &quot;&lt;b&gt;&quot; &amp; more");
    }

    @Test
    void breakdownGroupsItemsByTableAndSumsUpTheTail() {
        Map<String, Long> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < HtmlReport.MAX_BREAKDOWN_ITEMS + 5; i++) {
            many.put("rule " + i, 100L + i);
        }
        String html = HtmlReport.render(run(10, 2, 2, 0).withBreakdown(new Breakdown("Violations by table and constraint", "Constraint",
                "Violations", Map.of("table_0", many, "table_1", Map.of("NotBlank title", 7L)))), ZoneOffset.UTC);
        assertThat(html).contains("<tr class=\"group\"><td colspan=\"2\"><i class=\"swatch\" style=\"background:#4e79a7\"></i>table_0</td>"
                + "<td class=\"n\">" + String.format("%,d", many.values().stream().mapToLong(Long::longValue).sum()) + "</td>");
        // the five smallest rules (100..104) are summed up in one line
        assertThat(html).contains(">5 more</td><td class=\"n\">510</td>");
        assertThat(html).containsPattern("<tr><td><i class=\"swatch\"[^>]*></i>table_1</td><td>NotBlank title</td><td class=\"n\">7</td>");
    }

    @Test
    void settingsShowDefaultsAndGivenValues() {
        SettingValues values = SettingValues.defaults().with(SweepSettings.WORKERS, 8).with(SweepSettings.CHUNK_TIME, Duration.ofMillis(1500));
        String html = HtmlReport.render(run(10, 2, 1, 0).withSettings(SweepSettings.ALL, values), ZoneOffset.UTC);
        assertThat(html).contains("<div class=\"set\"><dt>workers</dt><dd>8</dd></div>", "<div class=\"set\"><dt>chunk-time</dt><dd>1500ms</dd>",
                "<div><dt>lock-timeout</dt><dd>5s</dd></div>", "<dt>job</dt><dd><span class=\"muted\">none</span>");
    }

    @Test
    void aRunThatDidNothingShowsTheChunksOfTheRunThatDid() {
        ReportData done = run(20, 2, 1, 0);
        RunSummary s = done.summary();
        RunSummary already = new RunSummary(s.job(), s.run(), s.kind(), RunStatus.ALREADY_DONE, false, START.plusSeconds(86_400),
                Duration.ZERO, 2, s.tables(), List.of());
        String html = HtmlReport.render(ReportData.of(already, done.chunks()), ZoneOffset.UTC);
        assertThat(html).contains("status-already_done", ">already done<");
        assertThat(count(html, "<rect [^>]*><title>table_0 chunk")).isEqualTo(20);

        String empty = HtmlReport.render(ReportData.of(already, List.of()), ZoneOffset.UTC);
        assertThat(empty).contains("No chunk has run yet.").doesNotContain("<svg");
    }
}
