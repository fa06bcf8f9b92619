package io.rowsweep.update;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.RunStatus;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, item 5: a third session holds some rows' locks for seconds while the application
 * keeps updating single rows next to them. rowsweep must not hold rows while it waits for the
 * third session's: the application then waits on rowsweep's rows about a chunk's time at most,
 * not the lock timeout. Every row is still updated exactly once, in SQL mode and in Java mode.
 * (A set-based UPDATE takes its locks with no wait, or on PostgreSQL a 1 ms one, which the sampler
 * may catch: {@link #allowedWaitMillis}.)
 */
abstract class LockWaitContractTest {

    static final int ROWS = 20_000;
    /** The rows the third session holds (101, as in the issue), and for how long: less than the default 5 s lock-timeout. */
    static final long HELD_FROM = 5_000;
    static final long HELD_TO = 5_100;
    static final long HOLD_MILLIS = 4_000;
    /** The application's rows: beside the held ones, in the same chunks. */
    static final long APP_FROM = 4_400;
    static final long APP_TO = 5_700;

    abstract DatabaseKind kind();

    /** SQL answering the database's id of the session that runs it. */
    abstract String sessionIdSql();

    /** SQL listing the lock waits now, one row per (waiting session id, blocking session id, milliseconds waited so far). */
    abstract String lockWaitsSql();

    /**
     * How long the sampler may see one of rowsweep's sessions waiting on a lock: the wait it allows
     * itself while holding rows, plus what a busy machine adds to it; negative for not at all.
     */
    abstract double allowedWaitMillis();

    TestSchema db;
    private HikariDataSource pool;

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
    }

    @AfterEach
    void dropSchema() {
        if (pool != null) {
            pool.close();
        }
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void whileAThirdSessionHoldsRowLocksTheApplicationWaitsOnRowsweepsRowsAboutAChunkAndRowsweepNeverWaitsHoldingRows() throws Exception {
        db.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, v INT NOT NULL, app INT NOT NULL)",
                "INSERT INTO accounts SELECT g.i, 0, 0 FROM " + db.series(ROWS));
        pool = db.dataSource(4);
        for (boolean javaMode : new boolean[] {false, true}) {
            String mode = javaMode ? "Java mode" : "SQL mode";
            Scene scene = new Scene();
            try {
                scene.start();
                // lock-timeout left at its default (5 s): before issue 18 a chunk waited out the hold holding its other rows.
                Update u = Update.of(pool).table("accounts").job(javaMode ? "locks-java" : "locks-sql").workers(2)
                        .maxChunkRows(500).latencyGuard(LatencyGuard.OFF);
                UpdateSummary summary = javaMode ? u.fix(row -> row.set("v", row.getInt("v") + 1)).run() : u.set("v = v + 1").run();
                scene.runEnded = scene.sinceStart();
                assertThat(summary.status()).as(mode).isEqualTo(RunStatus.DONE);
            } finally {
                scene.stop();
            }
            assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE v <> " + (javaMode ? 2 : 1))).as(mode + ": rows not updated exactly once")
                    .isZero();
            assertThat(scene.releasedAt).as(mode + ": the held rows were released while the update ran").isPositive()
                    .isLessThan(scene.runEnded);
            assertThat(scene.appFailures).as(mode + ": the application's failed updates").isEmpty();
            assertThat(scene.waitsMillis.size()).as(mode + ": the application's updates").isGreaterThan(100);
            assertThat(scene.rowsweepBlocked).as(mode + ": rowsweep's sessions seen waiting over " + allowedWaitMillis() + " ms on a"
                    + " lock of the third session or the application (waiting while holding the rows it had locked)").isEmpty();
            List<Double> waits = scene.sortedWaits();
            double p99 = waits.get((int) Math.ceil(waits.size() * 0.99) - 1);
            double max = waits.get(waits.size() - 1);
            System.out.printf(Locale.ROOT, "%s %s: %d application updates, p99 %.1f ms, max %.1f ms; rowsweep seen in a lock"
                    + " wait within the allowed %d times%n", kind(), mode, waits.size(), p99, max, scene.rowsweepShortWaits.get());
            // A chunk holds its rows about 200 ms; generous against a noisy machine, far under the hold (4 s) they waited before.
            assertThat(max).as(mode + ": the application's longest wait, ms (updates over 500 ms: " + scene.slowRows + ")").isLessThan(2_000);
            assertThat(db.queryLong("SELECT sum(app) FROM accounts")).as(mode + ": the application's updates all landed")
                    .isEqualTo(scene.waitsMillis.size() + scene.previousAppUpdates);
        }
    }

    private long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sessionIdSql())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The third session, the application (two threads) and a sampler of lock waits, for one run. */
    private final class Scene {
        final List<Double> waitsMillis = Collections.synchronizedList(new ArrayList<>());
        final List<String> appFailures = Collections.synchronizedList(new ArrayList<>());
        final Set<String> rowsweepBlocked = ConcurrentHashMap.newKeySet();
        final AtomicLong rowsweepShortWaits = new AtomicLong();
        final Set<String> slowRows = ConcurrentHashMap.newKeySet();
        final Set<Long> ourSessions = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();
        final long previousAppUpdates = db.queryLong("SELECT sum(app) FROM accounts");
        final long startedAt = System.nanoTime();
        /** Nanoseconds from the start of the scene; 0 until it happened. */
        volatile long releasedAt;
        volatile long runEnded;
        Connection holder;

        void start() throws Exception {
            holder = db.connect();
            holder.setAutoCommit(false);
            ourSessions.add(sessionId(holder));
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM accounts WHERE id BETWEEN " + HELD_FROM + " AND " + HELD_TO + " FOR UPDATE").close();
            }
            List<Connection> apps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Connection c = db.connect();
                ourSessions.add(sessionId(c));
                apps.add(c);
            }
            Connection sampler = db.connect();
            ourSessions.add(sessionId(sampler));
            threads.add(thread("holder", () -> {
                Thread.sleep(HOLD_MILLIS);
                holder.rollback();
                releasedAt = sinceStart();
            }));
            for (Connection c : apps) {
                threads.add(thread("application", () -> application(c)));
            }
            threads.add(thread("lock-wait sampler", () -> sample(sampler)));
        }

        /** Single-row updates beside the held rows, back to back, each timed. */
        private void application(Connection c) throws SQLException {
            try (c; PreparedStatement ps = c.prepareStatement("UPDATE accounts SET app = app + 1 WHERE id = ?")) {
                while (running.get()) {
                    long id = ThreadLocalRandom.current().nextLong(APP_FROM, APP_TO + 1);
                    // The third session's rows, and the row after them, which MariaDB's range lock (next-key) holds too:
                    // waiting for those is not rowsweep's doing.
                    if (id >= HELD_FROM && id <= HELD_TO + 1) {
                        continue;
                    }
                    ps.setLong(1, id);
                    long t0 = System.nanoTime();
                    try {
                        ps.executeUpdate();
                        double millis = (System.nanoTime() - t0) / 1e6;
                        waitsMillis.add(millis);
                        if (millis > 500) {
                            slowRows.add(String.format(Locale.ROOT, "id %d: %.0f ms", id, millis));
                        }
                    } catch (SQLException e) {
                        appFailures.add(e.getMessage());
                    }
                }
            }
        }

        /** Any session outside this test waiting on a lock of the third session or the application is one of rowsweep's. */
        private void sample(Connection c) throws Exception {
            try (c; Statement s = c.createStatement()) {
                while (running.get()) {
                    try (ResultSet rs = s.executeQuery(lockWaitsSql())) {
                        while (rs.next()) {
                            long waiter = rs.getLong(1);
                            long blocker = rs.getLong(2);
                            double waited = rs.getDouble(3);
                            if (!ourSessions.contains(waiter) && ourSessions.contains(blocker)) {
                                if (waited > allowedWaitMillis()) {
                                    rowsweepBlocked.add(String.format(Locale.ROOT, "session %d waited on session %d (%.0f ms so far)", waiter,
                                            blocker, waited));
                                } else {
                                    rowsweepShortWaits.incrementAndGet();
                                }
                            }
                        }
                    }
                    // Not more often: InnoDB refreshes what its lock tables show only when they were last read 100 ms ago or more.
                    Thread.sleep(150);
                }
            }
        }

        private Thread thread(String name, Work work) {
            Thread t = new Thread(() -> {
                try {
                    work.run();
                } catch (Exception e) {
                    appFailures.add(name + ": " + e);
                }
            }, name);
            t.start();
            return t;
        }

        void stop() throws Exception {
            running.set(false);
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(1));
            }
            holder.close();
        }

        long sinceStart() {
            return System.nanoTime() - startedAt;
        }

        List<Double> sortedWaits() {
            List<Double> sorted;
            synchronized (waitsMillis) {
                sorted = new ArrayList<>(waitsMillis);
            }
            Collections.sort(sorted);
            return sorted;
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
