package io.rowsweep.core.engine;

import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the whole process at random points, then re-running the job: every row is visited
 * exactly once (a non-idempotent {@code visits = visits + 1} ends at 1 everywhere), and no chunk
 * committed before a kill is done again.
 */
abstract class KillResumeContractTest {

    abstract DatabaseKind kind();

    @Test
    void killNineAtRandomPointsThenResumeVisitsEveryRowExactlyOnce() throws Exception {
        // 225 chunks or more (at most 400 rows each): the four killed runs cannot finish the job between them.
        int rows = 90_000;
        try (TestSchema db = TestDatabases.newSchema(kind())) {
            db.execute("CREATE TABLE counted (id BIGINT PRIMARY KEY, visits INT NOT NULL DEFAULT 0)");
            db.execute("INSERT INTO counted SELECT g.i * 3, 0 FROM " + db.series(rows));
            String[] args = {db.url(), "increment", "counted", "kill-job", "3", "25", "400"};
            long doneBefore = 0;
            long killedMidChunk = 0;
            for (int kill = 0; kill < 4; kill++) {
                ChildJvm child = ChildJvm.start(EngineMain.class, List.of("-Xmx128m"), args);
                // Let it commit some chunks, then kill it at a random moment in the middle of others.
                long target = doneBefore + 3;
                long deadline = System.currentTimeMillis() + 60_000;
                while (doneChunks(db) < target && System.currentTimeMillis() < deadline && child.process().isAlive()) {
                    Thread.sleep(20);
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(10, 300));
                assertThat(child.process().isAlive()).as("child still running before kill %d; output:%n%s", kill, child.output()).isTrue();
                child.kill9();
                child.cleanUp();
                killedMidChunk += db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'kill-job' AND status = 'RUNNING'");
                long done = doneChunks(db);
                assertThat(done).isGreaterThan(doneBefore);
                doneBefore = done;
                assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits > 1")).as("rows visited twice after kill %d", kill).isZero();
                // Exactly the rows of committed chunks were visited: the data agrees with the checkpoints.
                assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits = 1"))
                        .isEqualTo(db.queryLong("SELECT COALESCE(sum(rows_read), 0) FROM rowsweep_chunk WHERE job_name = 'kill-job' AND status = 'DONE'"));
            }
            assertThat(killedMidChunk).as("kills that left a chunk half done").isPositive();
            ChildJvm last = ChildJvm.start(EngineMain.class, List.of("-Xmx128m"), db.url(), "increment", "counted", "kill-job", "3", "0", "2000");
            assertThat(last.waitFor(180)).as(last.output()).isZero();
            last.cleanUp();
            assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits <> 1")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM counted")).isEqualTo(rows);
        }
    }

    private static long doneChunks(TestSchema db) {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'kill-job' AND status = 'DONE'");
        } catch (IllegalStateException notYetCreated) {
            return 0;
        }
    }
}
