package io.rowsweep.distributed;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.internal.exec.JobIdentity;
import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Three worker JVMs share a non-idempotent update ({@code counter = counter + 1}) of a few million
 * rows, started by this JVM, which only watches; one worker is killed with {@code kill -9} while it
 * holds a chunk. The others take its chunks over once it misses its heartbeats, and in the end
 * every row was updated exactly once and every chunk committed exactly once: checked with SQL on
 * the data and the job state. Rows: system property {@code rowsweep.killTest.rows} (default 2,000,000).
 */
abstract class WorkerKillContractTest {

    static final int ROWS = Integer.getInteger("rowsweep.killTest.rows", 2_000_000);
    static final String JOB = "kill-workers";

    TestSchema db;
    private HikariDataSource pool;
    private final List<ChildJvm> children = new ArrayList<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor();

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
        db.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, counter INT NOT NULL)",
                "INSERT INTO counters (id, counter) SELECT g.i, 0 FROM " + db.series(ROWS));
        pool = db.dataSource(4);
    }

    @AfterEach
    void dropSchema() throws InterruptedException {
        for (ChildJvm c : children) {
            c.kill9();
            c.cleanUp();
        }
        starter.shutdownNow();
        starter.awaitTermination(60, TimeUnit.SECONDS);
        if (pool != null) {
            pool.close();
        }
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    void theChunksOfAKilledWorkerAreRedoneByTheOthersAndEveryRowIsUpdatedOnce() throws Exception {
        Update update = Update.of(pool).table("counters").set("counter = counter + 1").job(JOB).distributed(true).workers(0)
                .heartbeatInterval(Duration.ofSeconds(1)).chunkTime(Duration.ofMillis(500)).retryDeadline(Duration.ofMinutes(1))
                // Kills, not pacing, are under test: without the guard the run keeps the size and pace this test was built for.
                .latencyGuard(LatencyGuard.OFF);
        Future<UpdateSummary> started = starter.submit(update::run);
        for (int i = 0; i < 3; i++) {
            children.add(ChildJvm.start(WorkerMain.class, List.of("-Xmx192m"), db.url(), JOB, "1"));
        }
        ChildJvm victim = children.get(0);
        String processId = JobIdentity.processId();
        String victimsChunks = processId.substring(0, processId.lastIndexOf(':')) + ":" + victim.pid() + "/%";

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (doneRows() < ROWS / 5 || held(victimsChunks).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the victim never held a chunk after a fifth of the rows; its output:\n" + victim.output());
            }
            Thread.sleep(10);
        }
        victim.kill9();
        long killedAt = System.nanoTime();
        // A commit the victim sent just before it died still lands in the database: its chunk is then done, not orphaned.
        // Half a second lets such a commit land and is far too short for the others to take a chunk over.
        Thread.sleep(500);
        Set<Integer> orphaned = held(victimsChunks);

        UpdateSummary summary = started.get(3, TimeUnit.MINUTES);
        for (ChildJvm survivor : children.subList(1, 3)) {
            assertThat(survivor.waitFor(60)).as("survivor's exit code; output:\n%s", survivor.output()).isZero();
        }

        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(summary.run().rows()).isEqualTo(ROWS);
        assertThat(summary.totalRowsChanged()).isEqualTo(ROWS);
        assertThat(db.queryLong("SELECT count(*) FROM counters")).isEqualTo(ROWS);
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 1")).as("rows not updated exactly once").isZero();
        assertChunksCommittedOnceAndContiguous();
        assertThat(orphaned).as("chunks the killed worker held").isNotEmpty();
        for (int chunk : orphaned) {
            assertThat(db.queryString("SELECT status FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND chunk_no = " + chunk))
                    .isEqualTo("DONE");
            assertThat(db.queryLong("SELECT attempts FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND chunk_no = " + chunk))
                    .as("attempts of chunk %d, taken over from the killed worker", chunk).isGreaterThanOrEqualTo(2);
            assertThat(db.queryString("SELECT worker FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND chunk_no = " + chunk))
                    .doesNotStartWith(victimsChunks.substring(0, victimsChunks.length() - 1));
        }
        List<WorkerInfo> processes = Workers.list(pool, JOB, null);
        assertThat(processes).filteredOn(p -> p.pid() == victim.pid()).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(WorkerInfo.State.LOST));
        assertThat(processes).filteredOn(p -> p.pid() != victim.pid()).hasSize(3)
                .allSatisfy(p -> assertThat(p.state()).isEqualTo(WorkerInfo.State.LEFT));
        assertThat(chunksPrintedTwice()).as("chunks two processes reported done").isEmpty();
        System.out.printf("%d rows, %d chunks; killed a worker holding chunk(s) %s after at least %d rows were done; the run ended %d ms later%n",
                ROWS, db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + JOB + "'"), orphaned, ROWS / 5,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
    }

    private long doneRows() {
        try {
            return db.queryLong("SELECT coalesce(sum(rows_read), 0) FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND status = 'DONE'");
        } catch (IllegalStateException noTableYet) {
            return 0;
        }
    }

    /** Chunks RUNNING in the job state whose worker name matches {@code worker} (a LIKE pattern). */
    private Set<Integer> held(String worker) throws Exception {
        Set<Integer> chunks = new HashSet<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT chunk_no FROM rowsweep_chunk"
                + " WHERE job_name = ? AND status = 'RUNNING' AND worker LIKE ?")) {
            ps.setString(1, JOB);
            ps.setString(2, worker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chunks.add(rs.getInt(1));
                }
            }
        } catch (java.sql.SQLException noTableYet) {
            return Set.of();
        }
        return chunks;
    }

    /** Each chunk DONE, its range starting where the one before ended, the first open at the start and the last at the end. */
    private void assertChunksCommittedOnceAndContiguous() throws Exception {
        long rows = 0;
        String previousHi = null;
        int expected = 1;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT chunk_no, lo, hi, status, rows_read"
                + " FROM rowsweep_chunk WHERE job_name = ? ORDER BY chunk_no")) {
            ps.setString(1, JOB);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getInt(1)).isEqualTo(expected++);
                    assertThat(rs.getString(4)).as("status of chunk %d", rs.getInt(1)).isEqualTo("DONE");
                    assertThat(rs.getString(2)).as("start of chunk %d", rs.getInt(1)).isEqualTo(previousHi);
                    previousHi = rs.getString(3);
                    rows += rs.getLong(5);
                }
            }
        }
        assertThat(previousHi).as("end of the last chunk").isNull();
        assertThat(rows).as("rows of all chunks").isEqualTo(ROWS);
    }

    private List<String> chunksPrintedTwice() {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (ChildJvm c : children) {
            c.output().lines().filter(l -> l.startsWith(WorkerMain.CHUNK_DONE)).filter(Objects::nonNull)
                    .forEach(l -> {
                        if (!seen.add(l)) {
                            twice.add(l);
                        }
                    });
        }
        return twice;
    }
}
