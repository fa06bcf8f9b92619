package io.rowsweep.core.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.FreezableProxy;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults from the database side while a run works: its connections killed, rows it needs locked
 * by another transaction. The run retries on new connections, waits at most the lock timeout,
 * and still visits every row exactly once.
 */
abstract class FaultContractTest {

    static final int ROWS = 20_000;

    abstract DatabaseKind kind();

    /** SQL listing the ids of the other sessions on this test's schema (not the caller's own). */
    abstract String otherSessionsSql(TestSchema db);

    /** SQL killing one session. */
    abstract String killSql(long sessionId);

    TestSchema db;
    HikariDataSource pool;

    @BeforeEach
    void setUp() {
        db = TestDatabases.newSchema(kind());
        IncrementJob.createCounted(db, ROWS);
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    RunSummary run(SettingValues settings, long sleepPerChunk) {
        return run(settings, sleepPerChunk, db.url());
    }

    RunSummary run(SettingValues settings, long sleepPerChunk, String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(settings.get(SweepSettings.WORKERS) + 1);
        config.setConnectionTimeout(2_000);
        pool = new HikariDataSource(config);
        return new SweepEngine(pool, settings, List.of(), Clock.systemUTC()).run(new IncrementJob(List.of("counted"), sleepPerChunk));
    }

    SettingValues settings() {
        return SettingValues.defaults().with(SweepSettings.WORKERS, 3).with(SweepSettings.MAX_CHUNK_ROWS, 500)
                .with(SweepSettings.RETRY_DEADLINE, Duration.ofSeconds(60));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void connectionsKilledFromTheDatabaseSideAreReplacedAndTheChunkRetried() throws Exception {
        AtomicInteger killed = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                // Kill the workers' connections once chunks are being processed (not the run's setup).
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline && doneChunks(s) == 0) {
                    Thread.sleep(20);
                }
                // Rounds until a few sessions were killed or the run ended: between chunks the workers' sessions are idle
                // and their last statement is a COMMIT, so one round may find none of them.
                for (int round = 0; killed.get() < 4 && !finished.get() && round < 200; round++) {
                    Thread.sleep(round == 0 ? 0 : 100);
                    List<Long> ids = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery(otherSessionsSql(db))) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    for (long id : ids) {
                        try {
                            s.execute(killSql(id));
                            killed.incrementAndGet();
                        } catch (java.sql.SQLException gone) {
                            // the session ended on its own meanwhile
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "session-killer").start()); // its own thread: the common pool may be busy with the run
        // Chunks slow enough (40 chunks of 150 ms on 3 workers: 2 s at least) that the killer finds the run at work.
        // The latency guard is off: the killer's own polling is an application to it, and its slow start would leave the
        // workers idle between small chunks.
        RunSummary summary;
        try {
            summary = run(settings().with(SweepSettings.LATENCY_GUARD, io.rowsweep.core.LatencyGuard.OFF), 150);
        } finally {
            finished.set(true);
        }
        killer.get(1, TimeUnit.MINUTES);
        assertThat(killed.get()).as("sessions killed").isPositive();
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits <> 1")).isZero();
    }

    /**
     * A database that stops answering (a hung server, or a network partition that drops packets
     * silently): every statement and every new connection hangs. With a retry deadline of 10 s,
     * the run stops within about 15 s (23 s at worst), with its state saved, instead of waiting as long as the
     * database hangs; the same run finishes once the database answers again, every row once.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aDatabaseThatStopsAnsweringStopsTheRunSoonAfterTheRetryDeadline() throws Exception {
        try (FreezableProxy proxy = FreezableProxy.to(db.url()); Connection watcher = db.connect(); Statement s = watcher.createStatement()) {
            SettingValues settings = settings().with(SweepSettings.RETRY_DEADLINE, Duration.ofSeconds(10));
            CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> run(settings, 100, proxy.url(db.url())));
            long deadline = System.currentTimeMillis() + 60_000;
            while (doneChunks(s) < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(doneChunks(s)).as("chunks done before the database stops answering").isGreaterThanOrEqualTo(3);
            proxy.freeze();
            long frozenAt = System.nanoTime();
            RunSummary stopped = null;
            Throwable failed = null;
            try {
                stopped = running.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failed = e.getCause();
            }
            Duration stoppedAfter = Duration.ofNanos(System.nanoTime() - frozenAt);
            System.out.println("the run stopped " + stoppedAfter.toMillis() + " ms after the database stopped answering");
            // At most the deadline, then one network timeout (here the deadline) for a statement another worker sent just
            // before the first gave up (MariaDB's Connector/J cannot abort it: it sends KILL over a new connection, which a
            // hung server never answers), then 3 s to record the outcome.
            assertThat(stoppedAfter).as("time from the freeze to the end of the run").isLessThan(Duration.ofSeconds(25));
            if (stopped != null) {
                assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
            } else {
                assertThat(failed).isInstanceOf(io.rowsweep.core.RowSweepException.class).hasMessageContaining("Re-run the job to resume");
            }
            proxy.thaw();
        }
        assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits > 1")).isZero();
        pool.close();
        RunSummary resumed = run(settings(), 0);
        assertThat(resumed.status()).isEqualTo(RunStatus.DONE);
        assertThat(resumed.resumed()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits <> 1")).isZero();
    }

    private static long doneChunks(Statement s) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM rowsweep_chunk WHERE status = 'DONE'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException notYetCreated) {
            return 0;
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void lockedRowsMakeAChunkWaitAtMostTheLockTimeoutThenRetry() throws Exception {
        Connection locker = db.connect();
        locker.setAutoCommit(false);
        try (Statement s = locker.createStatement()) {
            s.executeQuery("SELECT id FROM counted WHERE id BETWEEN 5000 AND 5100 FOR UPDATE").close();
        }
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(4_000);
                locker.rollback();
                locker.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long t0 = System.nanoTime();
        RunSummary summary = run(settings().with(SweepSettings.LOCK_TIMEOUT, Duration.ofSeconds(1)), 0);
        release.get(1, TimeUnit.MINUTES);
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM counted WHERE visits <> 1")).isZero();
        // It had to wait for the lock holder, retrying rather than failing.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(3));
    }
}
