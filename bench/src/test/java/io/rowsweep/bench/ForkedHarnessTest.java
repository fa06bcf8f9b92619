package io.rowsweep.bench;

import io.rowsweep.demo.SeedSchema;
import io.rowsweep.demo.TableCounts;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Forked runs: each contender in a JVM of its own, its result checked, its memory measured; a wrong count voids the benchmark. */
class ForkedHarnessTest {

    TestSchema db;
    ContenderResult expected;

    @BeforeEach
    void load() {
        db = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        SeedSchema.atScale(0.01).load(db.dataSource());
        List<TableCounts> counts = SeedSchema.count(db.dataSource());
        expected = new ContenderResult(counts.stream().mapToLong(TableCounts::rows).sum(), counts.stream().mapToLong(TableCounts::invalidRows).sum());
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void measuresEachRunInItsOwnJvm() throws Exception {
        List<Measurement> m = BenchmarkHarness.builder(new ConnectionSettings(db.url(), null, null))
                .contender(new RawJdbcScanContender()).contender(new RowsweepContender())
                .workers(List.of(2)).warmups(0).repetitions(1).jvmOptions(List.of("-Xmx64m")).expected(expected).build().run();
        assertThat(m).extracting(Measurement::contender).containsExactly("jdbc-scan", "rowsweep");
        for (Measurement each : m) {
            RunSample s = each.samples().get(0);
            assertThat(s.result()).isEqualTo(expected);
            assertThat(s.wallNanos()).isGreaterThan(s.runNanos());
            assertThat(s.peakRssBytes()).isPositive();
            // The whole process's CPU: at least the JVM's start. The rest of the machine's is known where /proc/stat is (Linux).
            assertThat(s.cpuNanos()).isGreaterThan(10_000_000L);
            if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
                assertThat(s.otherCpuNanos()).isNotNegative();
            } else {
                assertThat(s.otherCpuNanos()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aRunFindingOtherCountsFailsTheBenchmark() {
        ContenderResult wrong = new ContenderResult(expected.rows(), expected.invalidRows() + 1);
        assertThatThrownBy(() -> BenchmarkHarness.builder(new ConnectionSettings(db.url(), null, null))
                .contender(new RawJdbcScanContender()).workers(List.of(1)).warmups(0).repetitions(1).expected(wrong).build().run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jdbc-scan with 1 worker(s) found 12327 rows and " + expected.invalidRows() + " invalid rows")
                .hasMessageContaining("Its timing is void");
    }
}
