package io.rowsweep.update;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RunStatus;
import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} at random points of an update, several times over, then a run to the end:
 * every row is updated exactly once by a non-idempotent change ({@code counter = counter + 1}
 * ends at 1 everywhere), because each chunk's writes commit together with its checkpoint.
 */
abstract class UpdateKillContractTest {

    static final int ROWS = 20_000;
    static final int KILLS = 5;

    TestSchema db;

    abstract DatabaseKind kind();

    /** A where that matches every row and makes each chunk's UPDATE take a few milliseconds. */
    abstract String slowWhere();

    @BeforeEach
    void createTable() {
        db = TestDatabases.newSchema(kind());
        db.execute("CREATE TABLE " + KilledUpdateMain.TABLE + " (id BIGINT PRIMARY KEY, counter INT NOT NULL, pad VARCHAR(40))",
                "INSERT INTO " + KilledUpdateMain.TABLE + " SELECT g.i * 7, 0, CONCAT('row ', g.i) FROM " + db.series(ROWS));
    }

    @AfterEach
    void dropSchema() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    void sqlModeAppliesEveryRowExactlyOnceAcrossKills() throws Exception {
        killRepeatedlyThenFinish("sql");
    }

    @Test
    void javaModeAppliesEveryRowExactlyOnceAcrossKills() throws Exception {
        killRepeatedlyThenFinish("java");
    }

    private void killRepeatedlyThenFinish(String mode) throws Exception {
        int killedMidChunk = 0;
        for (int i = 0; i < KILLS; i++) {
            ChildJvm child = ChildJvm.start(KilledUpdateMain.class, List.of("-Xmx256m"), db.url(), mode, slowWhere());
            try {
                int chunks = 3 + ThreadLocalRandom.current().nextInt(15);
                awaitChunks(child, chunks);
                Thread.sleep(ThreadLocalRandom.current().nextInt(20));
                // Then as soon as the job state shows a chunk running (within 2 s), so that kills land inside chunks.
                long until = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < until && db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'RUNNING'") == 0) {
                    Thread.sleep(1);
                }
                child.kill9();
                assertThat(child.output()).as("the child was killed before it finished").doesNotContain("finished:");
            } finally {
                child.cleanUp();
            }
            assertThat(count("counter > 1")).as("rows updated twice after kill %d", i + 1).isZero();
            killedMidChunk += db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'RUNNING'") > 0 ? 1 : 0;
        }
        long done = count("counter = 1");
        assertThat(done).as("the killed runs did part of the work").isBetween(1L, ROWS - 1L);
        assertThat(killedMidChunk).as("kills that landed while a chunk was running").isPositive();

        try (HikariDataSource pool = db.dataSource(4)) {
            UpdateSummary summary = KilledUpdateMain.configure(Update.of(pool), mode, slowWhere()).run();
            assertThat(summary.status()).isEqualTo(RunStatus.DONE);
            assertThat(summary.run().resumed()).isTrue();
            assertThat(summary.rowsChanged()).containsEntry(KilledUpdateMain.TABLE, (long) ROWS);
        }
        assertThat(count("counter <> 1")).isZero();
    }

    @Test
    void killNineAfterTheRunRecordedItsEndThenTheSameCommandAppliesNothingAgain() throws Exception {
        for (String mode : List.of("sql", "java")) {
            db.execute("UPDATE " + KilledUpdateMain.TABLE + " SET counter = 0");
            ChildJvm child = ChildJvm.start(KilledUpdateMain.class, List.of("-Xmx256m"), db.url(), mode, slowWhere(), "at-end");
            try {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!child.output().contains(KilledUpdateMain.RECORDED)) {
                    assertThat(child.process().isAlive()).as("the child runs; output:\n%s", child.output()).isTrue();
                    assertThat(System.nanoTime()).as("the child recorded its outcome in time").isLessThan(deadline);
                    Thread.sleep(10);
                }
                child.kill9(); // the job is DONE in the database; the user never saw it finish
                assertThat(child.output()).contains(KilledUpdateMain.RECORDED + ": DONE").doesNotContain("finished:");
            } finally {
                child.cleanUp();
            }
            assertThat(count("counter <> 1")).as(mode + ": every row updated once").isZero();

            ChildJvm same = ChildJvm.start(KilledUpdateMain.class, List.of("-Xmx256m"), db.url(), mode, slowWhere(), "at-end");
            try {
                assertThat(same.waitFor(120)).as("exit code; output:\n%s", same.output()).isZero();
                assertThat(same.output()).contains("finished: ALREADY_DONE").contains("already completed at")
                        .doesNotContain(KilledUpdateMain.CHUNK_DONE);
            } finally {
                same.cleanUp();
            }
            assertThat(count("counter <> 1")).as(mode + ": nothing applied again").isZero();
        }
    }

    private static void awaitChunks(ChildJvm child, int chunks) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (countLines(child.output()) < chunks) {
            if (!child.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child did not get " + chunks + " chunks done; output:\n" + child.output());
            }
            Thread.sleep(5);
        }
    }

    private static int countLines(String output) {
        int n = 0;
        for (int at = output.indexOf(KilledUpdateMain.CHUNK_DONE); at >= 0; at = output.indexOf(KilledUpdateMain.CHUNK_DONE, at + 1)) {
            n++;
        }
        return n;
    }

    private long count(String where) {
        return db.queryLong("SELECT count(*) FROM " + KilledUpdateMain.TABLE + " WHERE " + where);
    }
}
