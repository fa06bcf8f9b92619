package io.rowsweep.bench;

import io.rowsweep.bench.internal.ForkedRun;
import io.rowsweep.demo.SeedSchema;
import io.rowsweep.demo.TableCounts;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Forked runs: each contender in a JVM of its own or as a program started like its users start it, its result checked, its
 * memory and CPU measured; a wrong count voids the benchmark.
 */
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
                .contender(new RawJdbcScanContender()).contender(new LaunchedScan())
                .workers(List.of(2)).warmups(0).repetitions(1).jvmOptions(List.of("-Xmx64m")).expected(expected).build().run();
        assertThat(m).extracting(Measurement::contender).containsExactly("jdbc-scan", "launched-scan");
        assertThat(m.get(0).samples().get(0).runNanos()).isPositive().isLessThan(m.get(0).samples().get(0).wallNanos());
        assertThat(m.get(1).samples().get(0).runNanos()).as("not measured from outside").isEqualTo(-1);
        for (Measurement each : m) {
            RunSample s = each.samples().get(0);
            assertThat(s.result()).isEqualTo(expected);
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

    /** The raw scan as a program of its own, launched (a stand-in for the rowsweep command, which needs the cli module's jar). */
    static final class LaunchedScan implements Contender {
        @Override
        public String name() {
            return "launched-scan";
        }

        @Override
        public String description() {
            return "the raw scan, launched";
        }

        @Override
        public ContenderResult run(DataSource dataSource, int workers) {
            throw new UnsupportedOperationException("a launched contender runs forked only");
        }

        @Override
        public Optional<Launch> launch(ConnectionSettings connection, int workers, List<String> jvmOptions) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkedRun.class.getName(),
                    RawJdbcScanContender.class.getName(), String.valueOf(workers)));
            return Optional.of(new Launch(command, connection.toEnvironment(), (exitCode, output) -> {
                String[] f = output.lines().filter(l -> l.startsWith(ForkedRun.RESULT + " ")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no result line, exit " + exitCode)).split(" ");
                return new ContenderResult(Long.parseLong(f[1]), Long.parseLong(f[2]));
            }));
        }
    }
}
