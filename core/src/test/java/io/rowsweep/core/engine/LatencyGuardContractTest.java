package io.rowsweep.core.engine;

import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency guard on a real database: when its probe's commits turn slow while another session
 * is at work, the run lowers its rate and shrinks its chunks, and loses nothing doing so. Another
 * transaction holds the job row the probe writes (after ten chunks, until the guard has acted),
 * which delays every probe to its query timeout; that session, in a transaction, is the
 * application the guard protects.
 */
abstract class LatencyGuardContractTest {

    /** Enough that the run is still going when its probe turns slow: the test stops it once the guard has acted. */
    static final int ROWS = 3_000_000;

    abstract DatabaseKind kind();

    TestSchema db;

    @BeforeEach
    void setUp() {
        db = TestDatabases.newSchema(kind());
        IncrementJob.createCounted(db, ROWS);
    }

    @AfterEach
    void tearDown() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void slowCommitsShrinkChunksAndTheRunLosesNothing() throws Exception {
        List<ChunkEvent> before = new CopyOnWriteArrayList<>();
        List<ChunkEvent> after = new CopyOnWriteArrayList<>();
        AtomicBoolean locked = new AtomicBoolean();
        CountDownLatch lockNow = new CountDownLatch(1);
        CountDownLatch throttled = new CountDownLatch(1);
        SettingValues settings = SettingValues.defaults().with(SweepSettings.WORKERS, 2).with(SweepSettings.JOB, "guarded")
                .with(SweepSettings.LATENCY_GUARD, LatencyGuard.ON);
        SweepEngine engine = new SweepEngine(db.dataSource(4), settings, List.of(new ProgressListener() {
            @Override
            public void chunkFinished(ChunkEvent e) {
                if (!locked.get()) {
                    before.add(e);
                    if (before.size() >= 10) {
                        lockNow.countDown();
                    }
                    return;
                }
                after.add(e);
                long largestBefore = before.stream().mapToLong(ChunkEvent::rows).max().orElse(0);
                if (e.rows() * 3 <= largestBefore) {
                    throttled.countDown();
                }
            }
        }), Clock.systemUTC());
        Thread slowCommits = new Thread(() -> {
            try (Connection c = db.connect()) {
                lockNow.await();
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("UPDATE rowsweep_job SET heartbeat_at = heartbeat_at + 1 WHERE job_name = ?")) {
                    ps.setString(1, "guarded");
                    ps.executeUpdate();
                }
                locked.set(true);
                // Every probe meanwhile waits for this transaction, until its query timeout. Chunks already small (a slow
                // start) cannot shrink to show it: then a few seconds of slow commits are enough.
                boolean large = before.stream().mapToLong(ChunkEvent::rows).max().orElse(0) >= 3 * SweepSettings.MIN_CHUNK_ROWS.defaultValue();
                throttled.await(large ? 60 : 4, TimeUnit.SECONDS);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                engine.requestStop();
            }
        });
        slowCommits.start();
        RunSummary summary = engine.run(new IncrementJob("counted"));
        slowCommits.join();

        assertThat(summary.throttled()).as("what slowed the run down").containsKey("commit latency");
        assertThat(summary.throttled().get("commit latency")).isPositive();
        if (before.stream().mapToLong(ChunkEvent::rows).max().orElse(0) >= 3 * SweepSettings.MIN_CHUNK_ROWS.defaultValue()) {
            // Unless the run began in a slow start (another session was at work on the server), its chunks were large before.
            assertThat(throttled.getCount()).as("a chunk a third of the largest before the probe turned slow; chunks after: %s",
                    after.stream().map(ChunkEvent::rows).toList()).isZero();
        }
        long visited = db.queryLong("SELECT count(*) FROM counted WHERE visits = 1");
        assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits > 1")).as("no row twice").isZero();
        assertThat(visited).as("the chunks done are the rows visited").isEqualTo(summary.tables().get(0).rows());
    }
}
