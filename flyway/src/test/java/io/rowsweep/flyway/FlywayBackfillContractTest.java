package io.rowsweep.flyway;

import io.rowsweep.flyway.sample.V2__Queue_item_backfill;
import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample project of {@code docs/MIGRATIONS.md}, on each database: V1 creates and fills a table,
 * V2 adds a column and queues a non-idempotent backfill, V3 does something else, V4 makes sure
 * the backfill finished and adds NOT NULL. The worker running the backfill is killed with
 * {@code kill -9} halfway; the next start runs V4, which finishes it: every row is changed once.
 */
abstract class FlywayBackfillContractTest {

    abstract DatabaseKind kind();

    /** Rows V1 fills the table with. */
    abstract long rows();
    private static final String JOB = V2__Queue_item_backfill.JOB;

    private static Flyway flyway(TestSchema schema, long rows, String target) {
        return Flyway.configure().dataSource(schema.url(), null, null).schemas(schema.name())
                .locations("classpath:io/rowsweep/flyway/sample").placeholders(Map.of("rows", Long.toString(rows)))
                .target(target).load();
    }

    private static int millis(MigrateResult result, String version) {
        return result.migrations.stream().filter(m -> m.version.equals(version)).mapToInt((MigrateOutput m) -> m.executionTime)
                .findFirst().orElseThrow();
    }

    @Test
    void aWorkerKilledHalfwayAndTheNextStartFinishesTheBackfillExactlyOnce() throws Exception {
        // Queueing's time on a small table, for comparison: once to warm the JVM up, once measured.
        int small = 0;
        for (int round = 0; round < 2; round++) {
            try (TestSchema schema = TestDatabases.newSchema(kind())) {
                small = millis(flyway(schema, 20_000, "2").migrate(), "2");
            }
        }
        System.out.printf(kind() + ", Flyway, %,d rows: V2 (queue the backfill) %d ms%n", 20_000, small);
        try (TestSchema schema = TestDatabases.newSchema(kind())) {
            long start = System.nanoTime();
            MigrateResult first = flyway(schema, rows(), "3").migrate();
            long firstStart = (System.nanoTime() - start) / 1_000_000;
            assertThat(first.migrationsExecuted).isEqualTo(3);
            System.out.printf(kind() + ", Flyway, %,d rows: V1 (fill) %d ms, V2 (queue the backfill) %d ms, first start %d ms%n", rows(),
                    millis(first, "1"), millis(first, "2"), firstStart);
            // Queued, not run: the start did not touch a row or plan a chunk.
            assertThat(schema.queryString("SELECT status FROM rowsweep_job WHERE job_name = '" + JOB + "'")).isEqualTo("RUNNING");
            assertThat(schema.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + JOB + "'")).isZero();
            assertThat(schema.queryLong("SELECT count(*) FROM item WHERE backfilled IS NOT NULL OR counter <> 0")).isZero();

            ChildJvm worker = ChildJvm.start(BackfillWorkerMain.class, List.of("-Xmx256m"), schema.url(), JOB, "2");
            long half;
            try {
                long deadline = System.nanoTime() + 300_000_000_000L;
                while ((half = schema.queryLong("SELECT count(*) FROM item WHERE backfilled IS NOT NULL")) < rows() / 2) {
                    assertThat(worker.process().isAlive()).as("worker still running; output:%n%s", worker.output()).isTrue();
                    assertThat(System.nanoTime()).as("half the rows backfilled in time").isLessThan(deadline);
                    Thread.sleep(200);
                }
                worker.kill9();
                half = schema.queryLong("SELECT count(*) FROM item WHERE backfilled IS NOT NULL");
            } finally {
                worker.kill9();
                worker.cleanUp();
            }
            System.out.printf("worker killed with %,d of %,d rows backfilled%n", half, rows());
            assertThat(half).isBetween(1L, rows() - 1);

            start = System.nanoTime();
            MigrateResult second = flyway(schema, rows(), "latest").migrate();
            System.out.printf("second start (V4 finishes the backfill inline, then NOT NULL): %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(second.migrationsExecuted).isEqualTo(1);

            assertThat(schema.queryLong("SELECT count(*) FROM item")).isEqualTo(rows());
            assertThat(schema.queryLong("SELECT count(*) FROM item WHERE counter = 1 AND backfilled = 1")).isEqualTo(rows());
            assertThat(schema.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + schema.name()
                    + "' AND table_name = 'item' AND column_name = 'backfilled'")).isEqualTo("NO");
            assertThat(schema.queryString("SELECT status FROM rowsweep_job WHERE job_name = '" + JOB + "'")).isEqualTo("DONE");
        }
    }

    /** With no worker at all, the start that runs V4 runs the whole backfill inline. */
    @Test
    void withoutWorkersEnsureFinishedRunsTheWholeBackfill() {
        try (TestSchema schema = TestDatabases.newSchema(kind())) {
            flyway(schema, 20_000, "2").migrate();
            assertThat(schema.queryLong("SELECT count(*) FROM rowsweep_chunk")).isZero();
            flyway(schema, 20_000, "latest").migrate();
            assertThat(schema.queryLong("SELECT count(*) FROM item WHERE counter = 1 AND backfilled = 1")).isEqualTo(20_000);
        }
    }
}
