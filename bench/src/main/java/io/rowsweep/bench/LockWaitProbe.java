package io.rowsweep.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.bench.internal.Latencies;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock-wait probe of issue 18 (not a test): a third session holds 101 rows' locks for
 * {@code hold} seconds while the application updates single rows beside them at a steady rate
 * (pgbench-style: each of its sessions starts an update every {@code 1/rate} s, autocommit), and
 * {@code rowsweep update --set "v = v + 1"} runs over the table with its defaults. Prints the
 * application's update latencies (p50, p99, max) and rowsweep's chunk times.
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -cp "bench/target/classes:$(cat bench/target/classpath.txt)"
 * io.rowsweep.bench.LockWaitProbe postgres|mariadb [rows] [hold seconds] [app sessions] [updates/s per session] [auto|off]};
 * defaults {@code 200000 30 4 100 auto} (the last: the latency guard). Uses a throwaway schema on the local database (as the tests do).
 */
public final class LockWaitProbe {

    private static final int HELD_ROWS = 101;
    /** The application's rows: this many on each side of the held ones. */
    private static final long APP_SPREAD = 5_000;

    private LockWaitProbe() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseKind kind = DatabaseKind.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "POSTGRES");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        int holdSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int sessions = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        LatencyGuard guard = LatencyGuard.valueOf(args.length > 5 ? args[5].toUpperCase(Locale.ROOT) : "AUTO");
        long heldFrom = rows / 2;
        long heldTo = heldFrom + HELD_ROWS - 1;
        try (TestSchema db = TestDatabases.newSchema(kind); HikariDataSource pool = db.dataSource(Runtime.getRuntime().availableProcessors() + 4)) {
            db.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY, v INT NOT NULL, app INT NOT NULL)",
                    "INSERT INTO probe SELECT g.i, 0, 0 FROM " + db.series(rows));
            System.out.printf(Locale.ROOT, "lock-wait probe, %s: %,d rows; a third session holds ids %d..%d for %d s; %d application sessions"
                    + " at %d single-row updates/s each on ids %d..%d (not the held ones); %d cores%n", kind, rows, heldFrom, heldTo,
                    holdSeconds, sessions, rate, heldFrom - APP_SPREAD, heldTo + APP_SPREAD, Runtime.getRuntime().availableProcessors());
            List<Double> appMillis = Collections.synchronizedList(new ArrayList<>());
            List<Double> chunkMillis = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            Connection holder = db.connect();
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM probe WHERE id BETWEEN " + heldFrom + " AND " + heldTo + " FOR UPDATE").close();
            }
            threads.add(start("holder", () -> {
                Thread.sleep(holdSeconds * 1000L);
                holder.rollback();
                holder.close();
            }));
            for (int i = 0; i < sessions; i++) {
                Connection c = db.connect();
                threads.add(start("application-" + i, () -> application(c, running, rate, heldFrom, heldTo, appMillis)));
            }
            ProgressListener chunks = new ProgressListener() {
                @Override
                public void chunkFinished(ChunkEvent e) {
                    chunkMillis.add(e.duration().toNanos() / 1e6);
                }
            };
            long t0 = System.nanoTime();
            UpdateSummary summary = Update.of(pool).table("probe").job("lock-wait-probe").set("v = v + 1").latencyGuard(guard)
                    .listener(chunks).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            long wrong = db.queryLong("SELECT count(*) FROM probe WHERE v <> 1");
            System.out.printf(Locale.ROOT, "rowsweep (latency guard %s): %s in %.1f s, %d chunks (time of their last attempt p50 %.0f ms,"
                    + " max %.0f ms); rows not updated exactly once: %d%n", guard, summary.status(), seconds, chunkMillis.size(),
                    percentile(chunkMillis, 0.5), percentile(chunkMillis, 1), wrong);
            System.out.printf(Locale.ROOT, "application: %,d updates, p50 %.1f ms, p99 %.1f ms, max %.1f ms, over 400 ms: %d%n", appMillis.size(),
                    percentile(appMillis, 0.5), percentile(appMillis, 0.99), percentile(appMillis, 1),
                    appMillis.stream().filter(m -> m > 400).count());
        }
    }

    /** pgbench-style: an update every {@code 1/rate} s on its schedule, each timed; late ones start at once. */
    private static void application(Connection c, AtomicBoolean running, int rate, long heldFrom, long heldTo, List<Double> millis)
            throws SQLException {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        try (c; PreparedStatement ps = c.prepareStatement("UPDATE probe SET app = app + 1 WHERE id = ?")) {
            while (running.get()) {
                long id = ThreadLocalRandom.current().nextLong(heldFrom - APP_SPREAD, heldTo + APP_SPREAD + 1);
                if (id >= heldFrom && id <= heldTo + 1) {
                    continue; // the held rows, and the next one, which MariaDB's range lock holds too
                }
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
                ps.setLong(1, id);
                long t0 = System.nanoTime();
                ps.executeUpdate();
                millis.add((System.nanoTime() - t0) / 1e6);
            }
        }
    }

    /** The nearest-rank percentile in milliseconds, as the live-database benchmark reports its latencies. */
    private static double percentile(List<Double> millis, double p) {
        long[] micros;
        synchronized (millis) {
            micros = millis.stream().mapToLong(m -> Math.round(m * 1000)).sorted().toArray();
        }
        return micros.length == 0 ? 0 : Latencies.rank(micros, p) / 1e3;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static Thread start(String name, Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Exception e) {
                throw new IllegalStateException(name + " failed", e);
            }
        }, name);
        t.start();
        return t;
    }
}
