package io.rowsweep.liquibase;

import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sample changelog of {@code docs/MIGRATIONS.md}, on each database: changeSet 1 creates and fills
 * a table, 2 adds a column and queues a non-idempotent backfill, 3 does something else, 4 makes
 * sure the backfill finished and adds NOT NULL. The worker is killed with {@code kill -9} halfway;
 * the next update runs changeSet 4, which finishes the backfill: every row is changed once.
 */
abstract class LiquibaseBackfillContractTest {

    abstract DatabaseKind kind();

    /** Rows changeSet 1 fills the table with. */
    abstract long rows();
    private static final String JOB = "item-backfill";
    private static final String SAMPLE = "io/rowsweep/liquibase/sample/";

    /** Runs the changelog as an application's start does; returns its time in ms. */
    private static long update(TestSchema schema, String changelog, long rows) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(schema.url())) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Liquibase liquibase = new Liquibase(SAMPLE + changelog, new ClassLoaderResourceAccessor(), database);
            liquibase.setChangeLogParameter("rows", Long.toString(rows));
            liquibase.update(new Contexts(), new LabelExpression());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aWorkerKilledHalfwayAndTheNextUpdateFinishesTheBackfillExactlyOnce() throws Exception {
        // Queueing's time on a small table, for comparison: once to warm the JVM up, once measured.
        long small = 0;
        for (int round = 0; round < 2; round++) {
            try (TestSchema schema = TestDatabases.newSchema(kind())) {
                update(schema, "v1-create-and-fill.xml", 20_000);
                small = update(schema, "v2-queue-backfill.xml", 20_000);
            }
        }
        System.out.printf(kind() + ", Liquibase, %,d rows: changeSet 2 (queue the backfill) %d ms%n", 20_000, small);
        try (TestSchema schema = TestDatabases.newSchema(kind())) {
            // The first start, one changelog file at a time so changeSet 2 is timed on its own; the changeSets are the same.
            long fill = update(schema, "v1-create-and-fill.xml", rows());
            long queue = update(schema, "v2-queue-backfill.xml", rows());
            long first = fill + queue + update(schema, "up-to-v3.xml", rows());
            System.out.printf(kind() + ", Liquibase, %,d rows: changeSet 1 (fill) %d ms, changeSet 2 (queue the backfill) %d ms, first start %d ms%n",
                    rows(), fill, queue, first);
            assertThat(schema.queryString("SELECT status FROM rowsweep_job WHERE job_name = '" + JOB + "'")).isEqualTo("RUNNING");
            assertThat(schema.queryLong("SELECT count(*) FROM rowsweep_chunk")).isZero();
            assertThat(schema.queryLong("SELECT count(*) FROM item WHERE backfilled IS NOT NULL OR counter <> 0")).isZero();

            ChildJvm worker = ChildJvm.start(BackfillWorkerMain.class, List.of("-Xmx256m"), schema.url(), JOB, "2");
            long half;
            try {
                long deadline = System.nanoTime() + 300_000_000_000L;
                while (schema.queryLong("SELECT count(*) FROM item WHERE backfilled IS NOT NULL") < rows() / 2) {
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

            long second = update(schema, "up-to-v4.xml", rows());
            System.out.printf("second start (changeSet 4 finishes the backfill inline, then NOT NULL): %d ms%n", second);
            assertThat(schema.queryLong("SELECT count(*) FROM item")).isEqualTo(rows());
            assertThat(schema.queryLong("SELECT count(*) FROM item WHERE counter = 1 AND backfilled = 1")).isEqualTo(rows());
            assertThat(schema.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + schema.name()
                    + "' AND table_name = 'item' AND column_name = 'backfilled'")).isEqualTo("NO");
            assertThat(schema.queryString("SELECT status FROM rowsweep_job WHERE job_name = '" + JOB + "'")).isEqualTo("DONE");
        }
    }

    /** A changeSet that ensures a job nobody queued fails, saying so, and its changes are not applied. */
    @Test
    void ensuringAJobThatWasNeverQueuedFailsTheChangeSet() throws Exception {
        try (TestSchema schema = TestDatabases.newSchema(kind())) {
            schema.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, counter INT NOT NULL, backfilled INT)");
            assertThatThrownBy(() -> update(schema, "v4-require-backfilled.xml", 0))
                    .isInstanceOf(LiquibaseException.class)
                    .hasStackTraceContaining("There is no job named 'item-backfill'");
            assertThat(schema.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + schema.name()
                    + "' AND table_name = 'item' AND column_name = 'backfilled'")).isEqualTo("YES");
        }
    }
}
