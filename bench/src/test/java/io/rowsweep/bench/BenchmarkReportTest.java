package io.rowsweep.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown section: ratios computed from medians, and a file whose other sections survive a rewrite. */
class BenchmarkReportTest {

    static final ContenderResult FOUND = new ContenderResult(1000, 7);
    static final MachineInfo MACHINE = new MachineInfo("Some CPU", 2, 8L << 30, "Linux", "OpenJDK 17", "PostgreSQL 15", "pgjdbc 42");

    static RunSample seconds(double s) {
        return new RunSample((long) (s * 1e9), (long) (s * 0.9e9), FOUND, 100L << 20);
    }

    static BenchmarkReport report(String section, String note) {
        BenchmarkHarness harness = BenchmarkHarness.builder(new ConnectionSettings("jdbc:postgresql://h/db?password=secret", null, null))
                .contender(new RawJdbcScanContender()).contender(new SpringBatchContender()).contender(new RowsweepContender())
                .workers(List.of(1, 2)).expected(FOUND).build();
        List<Measurement> measurements = List.of(
                new Measurement("jdbc-scan", 1, List.of(seconds(2), seconds(9), seconds(1))),   // median 2
                new Measurement("jdbc-scan", 2, List.of(seconds(1))),
                new Measurement("spring-batch", 1, List.of(seconds(8))),
                new Measurement("spring-batch", 2, List.of(seconds(6))),
                new Measurement("rowsweep", 1, List.of(seconds(4), seconds(5))),          // median 4.5
                new Measurement("rowsweep", 2, List.of(seconds(2.5))));
        return new BenchmarkReport(section, "Validate", "java Bench --workers 1,2", MACHINE, harness, measurements, "jdbc-scan",
                "spring-batch", note, Instant.parse("2026-11-23T10:00:00Z"), Duration.ofSeconds(75), 1.5, 2.25);
    }

    @Test
    void rowsCarryMediansAndRatiosFromTheSameRun() {
        String md = report("validate", "Other tests ran meanwhile.").toMarkdown();
        assertThat(md).contains("## Validate (2026-11-23)")
                .contains("java Bench --workers 1,2")
                .contains("Load average 1.50 at the start, 2.25 at the end; the run took 1 min 15 s. Other tests ran meanwhile.")
                .contains("| jdbc-scan | 1 | 2.00 | 1.00 | 1.80 | 500 | 1.00x | 1.00x | 100 MB |")
                .contains("| jdbc-scan | 2 | 1.00 | 1.00 | 0.90 | 1,000 | 1.00x | 2.00x | 100 MB |")
                .contains("| rowsweep | 1 | 4.50 | 4.00 | 4.05 | 222 | 0.44x | 1.00x | 100 MB |")
                .contains("| rowsweep | 2 | 2.50 | 2.50 | 2.25 | 400 | 0.40x | 1.80x | 100 MB |")
                // Head to head: spring-batch 8 s / rowsweep 4.5 s, 6 s / 2.5 s; in run 7.2 s / 4.05 s, 5.4 s / 2.25 s.
                .contains("| rowsweep, whole process | 1.78x | 2.40x |")
                .contains("| rowsweep, in run | 1.78x | 2.40x |")
                .contains("| Parallel 7x | 7 | 175.60 | 35.12 |")
                .contains("Every run found 1,000 rows and 7 invalid rows")
                .doesNotContain("secret");
    }

    /** One worker: the floor 2 s (1.5 s in run), the peer 5 s (4 s in run), and {@code rowsweep}. */
    static String oneWorkerReport(RunSample rowsweep) {
        BenchmarkHarness harness = BenchmarkHarness.builder(new ConnectionSettings("jdbc:postgresql://h/db", null, null))
                .contender(new RawJdbcScanContender()).contender(new SpringBatchContender()).contender(new RowsweepContender())
                .workers(List.of(1)).expected(FOUND).build();
        List<Measurement> m = List.of(
                new Measurement("jdbc-scan", 1, List.of(new RunSample(2_000_000_000L, 1_500_000_000L, FOUND, -1))),
                new Measurement("spring-batch", 1, List.of(new RunSample(5_000_000_000L, 4_000_000_000L, FOUND, -1))),
                new Measurement("rowsweep", 1, List.of(rowsweep)));
        return new BenchmarkReport("validate", "Validate", "./rowsweep bench", MACHINE, harness, m, "jdbc-scan", "spring-batch", null,
                Instant.parse("2026-11-23T10:00:00Z"), Duration.ofSeconds(10), 1, 1).toMarkdown();
    }

    @Test
    void headToHeadInRunLeavesOutTheSharedStartUp() {
        String md = oneWorkerReport(new RunSample(3_000_000_000L, 2_000_000_000L, FOUND, -1));
        assertThat(md).contains("| rowsweep, whole process | 1.67x |").contains("| rowsweep, in run | 2.00x |");
    }

    @Test
    void aLaunchedProgramHasNoInRunTime() {
        String md = oneWorkerReport(new RunSample(2_500_000_000L, -1, FOUND, 100L << 20));
        assertThat(md).contains("| rowsweep | 1 | 2.50 | 2.50 | - | 400 | 0.80x | 1.00x | 100 MB |")
                .contains("(\"-\" for a program started as its users start it, measured from outside)")
                .contains("| rowsweep, whole process | 2.00x |").doesNotContain("rowsweep, in run");
    }

    @Test
    void cpuColumnsAppearWhenRunsMeasuredThem() {
        BenchmarkHarness harness = BenchmarkHarness.builder(new ConnectionSettings("jdbc:postgresql://h/db", null, null))
                .contender(new RawJdbcScanContender()).workers(List.of(1)).expected(FOUND).build();
        RunSample a = new RunSample(2_000_000_000L, 1_500_000_000L, FOUND, 100L << 20, 3_000_000_000L, 500_000_000L);
        RunSample b = new RunSample(3_000_000_000L, 2_500_000_000L, FOUND, 100L << 20, 4_000_000_000L, 700_000_000L);
        RunSample c = new RunSample(4_000_000_000L, 3_500_000_000L, FOUND, 100L << 20, 5_000_000_000L, 900_000_000L);
        String md = new BenchmarkReport("validate", "Validate", "java Bench", MACHINE, harness,
                List.of(new Measurement("jdbc-scan", 1, List.of(a, b, c))), "jdbc-scan", null, null,
                Instant.parse("2026-11-23T10:00:00Z"), Duration.ofSeconds(10), 1, 1).toMarkdown();
        assertThat(md).contains("| peak RSS | CPU s | other CPU s |").contains("| 100 MB | 4.00 | 0.70 |");
        assertThat(report("validate", null).toMarkdown()).doesNotContain("CPU s");
    }

    @Test
    void rewritingASectionKeepsTheOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs/BENCHMARKS.md");
        report("validate", "Noted on the first run.").writeTo(file);
        report("update", null).writeTo(file);
        report("validate", "Noted on the second run.").writeTo(file);
        String text = Files.readString(file);
        assertThat(text).startsWith("# Benchmarks").contains("Noted on the second run.").doesNotContain("Noted on the first run.")
                .contains("<!-- BEGIN update -->").contains("<!-- END update -->");
        assertThat(text.split("<!-- BEGIN validate -->", -1)).hasSize(2);
        assertThat(text.indexOf("<!-- BEGIN validate -->")).isLessThan(text.indexOf("<!-- BEGIN update -->"));
    }

    @Test
    void commandHidesPasswords() {
        assertThat(ValidateBenchmark.command(new String[]{"--url", "jdbc:postgresql://h/db?user=u&password=pw", "--password", "pw2",
                "--note", "two words"}))
                .isEqualTo("./rowsweep bench --url 'jdbc:postgresql://h/db?user=u&password=***' --password '***' --note 'two words'");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(ValidateBenchmark.run("--workers", "one")).isEqualTo(2);
        assertThat(ValidateBenchmark.run("--scale", "0")).isEqualTo(2);
        assertThat(ValidateBenchmark.run("--bogus", "1")).isEqualTo(2);
        assertThat(ValidateBenchmark.run("--help")).isZero();
    }
}
