package io.rowsweep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunStatus;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;
import io.rowsweep.update.spi.RowFix;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The update benchmark on PostgreSQL (not a test): the seed's invoices, 5 million rows by default,
 * every tenth with a service fee, in two identical tables. Measured in one run, for several
 * rounds (each round vacuums both tables and changes every fee again, alternating which goes
 * first, so both tables carry the same history and neither profits from drifting load):
 * <ol>
 *   <li>one set-based {@code UPDATE invoices SET service_fee_amount = amount * 0.1 WHERE service_fee = 1};</li>
 *   <li>the same update with rowsweep's SQL mode, 2 workers (goal: at most 1.3x the single UPDATE's time,
 *       the whole {@code run()} counted: pool, preparation, job state), and the longest chunk, i.e. the
 *       longest any chunk held its row locks;</li>
 *   <li>Java mode: a {@link RowFix} computing the fee and total of every invoice, rows/s written.</li>
 * </ol>
 * Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -cp "bench/target/classes:$(cat bench/target/classpath.txt)"
 * io.rowsweep.bench.UpdateBenchmark [jdbcUrl] [rows] [workers] [rounds]}; default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=root 5000000 2 3}.
 */
public final class UpdateBenchmark {

    private static final String SET = "service_fee_amount = amount * 0.1";
    private static final String WHERE = "service_fee = 1";

    private UpdateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=root";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000L;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String schema = "rs_bench_" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf(Locale.ROOT, "update benchmark: %,d invoices, %d workers, %d cores, %s%n", rows, workers,
                Runtime.getRuntime().availableProcessors(), url);
        try (Connection admin = DriverManager.getConnection(url)) {
            admin.setAutoCommit(true);
            exec(admin, "CREATE SCHEMA " + schema);
            try {
                run(admin, url, schema, rows, workers, rounds);
            } finally {
                exec(admin, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void run(Connection admin, String url, String schema, long rows, int workers, int rounds) throws Exception {
        long t = System.nanoTime();
        for (String table : new String[] {"set_based", "chunked"}) {
            exec(admin, "CREATE TABLE " + schema + "." + table + " (id BIGINT PRIMARY KEY, customer INT NOT NULL, amount NUMERIC(12,2) NOT NULL,"
                    + " service_fee INT NOT NULL, service_fee_amount NUMERIC(12,2), total NUMERIC(12,2), created_at TIMESTAMP NOT NULL)");
            exec(admin, "INSERT INTO " + schema + "." + table + " SELECT i, i % 10007, (i * 37) % 100000 / 100.0 + 1,"
                    + " CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END, NULL, NULL, TIMESTAMP '2012-07-15' + i * INTERVAL '1 second'"
                    + " FROM generate_series(1, " + rows + ") AS g(i)");
            exec(admin, "VACUUM (FREEZE, ANALYZE) " + schema + "." + table);
        }
        System.out.printf(Locale.ROOT, "loaded 2 identical tables in %.1f s%n", seconds(t));
        long matching = queryLong(admin, "SELECT count(*) FROM " + schema + ".set_based WHERE " + WHERE);

        List<Double> ratios = new ArrayList<>();
        ChunkStats stats = new ChunkStats();
        for (int round = 1; round <= rounds; round++) {
            // Each round changes every matching row again (another rate), on both tables, so both carry the same history.
            String set = SET + (round == 1 ? "" : " + " + round);
            if (round > 1) {
                exec(admin, "VACUUM ANALYZE " + schema + ".set_based");
                exec(admin, "VACUUM ANALYZE " + schema + ".chunked");
            }
            double setBased = 0;
            double chunked = 0;
            for (int turn = 0; turn < 2; turn++) {
                // Alternate which goes first, so drift in the machine's load favours neither.
                boolean setBasedTurn = (turn == 0) == (round % 2 == 1);
                exec(admin, "CHECKPOINT");
                t = System.nanoTime();
                if (setBasedTurn) {
                    long updated;
                    try (Statement s = admin.createStatement()) {
                        updated = s.executeUpdate("UPDATE " + schema + ".set_based SET " + set + " WHERE " + WHERE);
                    }
                    setBased = seconds(t);
                    check(updated == matching, "set-based UPDATE changed " + updated + " rows, expected " + matching);
                } else {
                    UpdateSummary sql;
                    try (HikariDataSource pool = pool(url, schema, workers)) {
                        sql = Update.of(pool).table("chunked").set(set).where(WHERE).workers(workers).listener(stats).run();
                    }
                    chunked = seconds(t);
                    check(sql.status() == RunStatus.DONE, "rowsweep did not finish: " + sql.describe());
                    check(sql.totalRowsChanged() == matching, "rowsweep changed " + sql.totalRowsChanged() + " rows, expected " + matching);
                }
            }
            long mismatch = queryLong(admin, "SELECT count(*) FROM " + schema + ".chunked c JOIN " + schema + ".set_based s USING (id)"
                    + " WHERE c.service_fee_amount IS DISTINCT FROM s.service_fee_amount");
            check(mismatch == 0, mismatch + " rows differ between the set-based and the chunked update");
            ratios.add(chunked / setBased);
            System.out.printf(Locale.ROOT, "round %d: one UPDATE %,d rows in %.2f s; rowsweep SQL mode (%d workers) %.2f s; ratio %.2fx%n",
                    round, matching, setBased, workers, chunked, chunked / setBased);
        }
        ratios.sort(null);
        System.out.printf(Locale.ROOT, "RATIO rowsweep SQL mode / one UPDATE: median %.2fx over %d rounds (best %.2fx, worst %.2fx; goal <= 1.3x)%n",
                ratios.get(ratios.size() / 2), rounds, ratios.get(0), ratios.get(ratios.size() - 1));
        System.out.printf(Locale.ROOT, "chunks: %d, longest %d ms (the longest any chunk held its row locks), median %d ms%n",
                stats.chunks.get(), stats.longestMillis.get(), stats.median());

        exec(admin, "CHECKPOINT");
        ChunkStats javaStats = new ChunkStats();
        UpdateSummary java;
        t = System.nanoTime();
        try (HikariDataSource pool = pool(url, schema, workers)) {
            java = Update.of(pool).table("chunked").fix(new FeeAndTotal()).workers(workers).listener(javaStats).run();
        }
        double javaSeconds = seconds(t);
        check(java.status() == RunStatus.DONE, "Java mode did not finish: " + java.describe());
        System.out.printf(Locale.ROOT, "rowsweep Java mode (%d workers): %,d rows read and locked, %,d written in %.2f s = %,.0f rows/s;"
                        + " %d chunks, longest %d ms%n", workers, java.run().rows(), java.totalRowsChanged(), javaSeconds,
                java.totalRowsChanged() / javaSeconds, javaStats.chunks.get(), javaStats.longestMillis.get());
    }

    /** Java mode's fix: every invoice gets its fee (10% if it has one) and its total. */
    static final class FeeAndTotal implements RowFix {
        private static final BigDecimal TEN_PERCENT = new BigDecimal("0.1");

        @Override
        public void fix(io.rowsweep.update.spi.Row row) {
            BigDecimal amount = row.getBigDecimal("amount");
            BigDecimal fee = row.getInt("service_fee") == 1 ? amount.multiply(TEN_PERCENT).setScale(2, RoundingMode.HALF_UP) : null;
            row.set("service_fee_amount", fee).set("total", fee == null ? amount : amount.add(fee));
        }
    }

    /** Chunk durations (work plus commit: how long a chunk held its locks). */
    static final class ChunkStats implements ProgressListener {
        final AtomicLong chunks = new AtomicLong();
        final AtomicLong longestMillis = new AtomicLong();
        final java.util.List<Long> millis = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        public void chunkFinished(ChunkEvent e) {
            chunks.incrementAndGet();
            longestMillis.accumulateAndGet(e.duration().toMillis(), Math::max);
            millis.add(e.duration().toMillis());
        }

        long median() {
            synchronized (millis) {
                return millis.isEmpty() ? 0 : millis.stream().sorted().skip(millis.size() / 2).findFirst().orElse(0L);
            }
        }
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(problem);
        }
    }

    private static HikariDataSource pool(String url, String schema, int workers) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setMaximumPoolSize(workers + 1);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
