package io.rowsweep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunStatus;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;
import io.rowsweep.update.spi.RowFix;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The update benchmark on PostgreSQL (not a test): the seed's invoices, 5 million rows by default,
 * every tenth with a service fee, in three identical tables. Measured in one run, for several
 * rounds (each round vacuums both tables and changes every fee again, alternating which goes
 * first, so both tables carry the same history and neither profits from drifting load):
 * <ol>
 *   <li>one set-based {@code UPDATE invoices SET service_fee_amount = amount * 0.1 WHERE service_fee = 1};</li>
 *   <li>the same update with rowsweep's SQL mode, 2 workers, with its defaults and with the latency guard
 *       off (goal: at most 1.3x the single UPDATE's time, the whole {@code run()} counted: pool,
 *       preparation, job state), and the longest chunk, i.e. the longest any chunk held its row locks;</li>
 *   <li>Java mode: a {@link RowFix} computing the fee and total of every invoice, rows/s written, with
 *       the guard off (with it on, the guard sets the pace).</li>
 * </ol>
 * Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -cp "bench/target/classes:$(cat bench/target/classpath.txt)"
 * io.rowsweep.bench.UpdateBenchmark [jdbcUrl] [rows] [workers] [rounds] [out]}; default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=root 5000000 2 3 docs/BENCHMARKS.md} (out {@code -}: print only).
 */
public final class UpdateBenchmark {

    private static final String SET = "service_fee_amount = amount * 0.1";
    private static final String WHERE = "service_fee = 1";
    /** The set-based UPDATE's table, rowsweep's with its defaults, rowsweep's with the latency guard off. */
    private static final String[] TABLES = {"set_based", "guarded", "flat"};
    private static final String SECTION = "update";

    private UpdateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=root";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000L;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String out = args.length > 4 ? args[4] : "docs/BENCHMARKS.md";
        String schema = "rs_bench_" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf(Locale.ROOT, "update benchmark: %,d invoices, %d workers, %d cores, %s%n", rows, workers,
                Runtime.getRuntime().availableProcessors(), url);
        try (Connection admin = DriverManager.getConnection(url)) {
            admin.setAutoCommit(true);
            exec(admin, "CREATE SCHEMA " + schema);
            try {
                run(admin, url, schema, rows, workers, rounds, out);
            } finally {
                exec(admin, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void run(Connection admin, String url, String schema, long rows, int workers, int rounds, String out)
            throws Exception {
        MachineInfo machine = MachineInfo.describe(admin);
        double loadBefore = MachineInfo.loadAverage();
        long t = System.nanoTime();
        for (String table : TABLES) {
            exec(admin, "CREATE TABLE " + schema + "." + table + " (id BIGINT PRIMARY KEY, customer INT NOT NULL, amount NUMERIC(12,2) NOT NULL,"
                    + " service_fee INT NOT NULL, service_fee_amount NUMERIC(12,2), total NUMERIC(12,2), created_at TIMESTAMP NOT NULL)");
            exec(admin, "INSERT INTO " + schema + "." + table + " SELECT i, i % 10007, (i * 37) % 100000 / 100.0 + 1,"
                    + " CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END, NULL, NULL, TIMESTAMP '2012-07-15' + i * INTERVAL '1 second'"
                    + " FROM generate_series(1, " + rows + ") AS g(i)");
            exec(admin, "VACUUM (FREEZE, ANALYZE) " + schema + "." + table);
        }
        System.out.printf(Locale.ROOT, "loaded %d identical tables in %.1f s%n", TABLES.length, seconds(t));
        long matching = queryLong(admin, "SELECT count(*) FROM " + schema + "." + TABLES[0] + " WHERE " + WHERE);

        List<double[]> times = new ArrayList<>(); // per round: seconds of each of TABLES
        ChunkStats[] stats = {null, new ChunkStats(), new ChunkStats()};
        for (int round = 1; round <= rounds; round++) {
            // Each round changes every matching row again (another rate), on every table, so all carry the same history.
            String set = SET + (round == 1 ? "" : " + " + round);
            if (round > 1) {
                for (String table : TABLES) {
                    exec(admin, "VACUUM ANALYZE " + schema + "." + table);
                }
            }
            double[] seconds = new double[TABLES.length];
            for (int turn = 0; turn < TABLES.length; turn++) {
                // Rotate which goes first, so drift in the machine's load favours none.
                int which = (turn + round - 1) % TABLES.length;
                exec(admin, "CHECKPOINT");
                t = System.nanoTime();
                long updated;
                if (which == 0) {
                    try (Statement s = admin.createStatement()) {
                        updated = s.executeUpdate("UPDATE " + schema + "." + TABLES[0] + " SET " + set + " WHERE " + WHERE);
                    }
                } else {
                    UpdateSummary sql;
                    try (HikariDataSource pool = pool(url, schema, workers)) {
                        sql = Update.of(pool).table(TABLES[which]).set(set).where(WHERE).workers(workers)
                                .latencyGuard(which == 1 ? LatencyGuard.AUTO : LatencyGuard.OFF).listener(stats[which]).run();
                    }
                    check(sql.status() == RunStatus.DONE, "rowsweep did not finish: " + sql.describe());
                    updated = sql.totalRowsChanged();
                }
                seconds[which] = seconds(t);
                check(updated == matching, TABLES[which] + " changed " + updated + " rows, expected " + matching);
            }
            for (int which = 1; which < TABLES.length; which++) {
                long mismatch = queryLong(admin, "SELECT count(*) FROM " + schema + "." + TABLES[which] + " c JOIN " + schema + "."
                        + TABLES[0] + " s USING (id) WHERE c.service_fee_amount IS DISTINCT FROM s.service_fee_amount");
                check(mismatch == 0, mismatch + " rows differ between the set-based and the chunked update of " + TABLES[which]);
            }
            times.add(seconds);
            System.out.printf(Locale.ROOT, "round %d: one UPDATE %,d rows in %.2f s; rowsweep SQL mode (%d workers) defaults %.2f s (%.2fx),"
                    + " latency guard off %.2f s (%.2fx)%n", round, matching, seconds[0], workers, seconds[1], seconds[1] / seconds[0],
                    seconds[2], seconds[2] / seconds[0]);
        }
        double guardedRatio = medianRatio(times, 1);
        double flatRatio = medianRatio(times, 2);
        System.out.printf(Locale.ROOT, "RATIO rowsweep SQL mode / one UPDATE: defaults %.2fx, latency guard off %.2fx (medians of %d rounds;"
                + " goal <= 1.3x)%n", guardedRatio, flatRatio, rounds);

        // Java mode's throughput with the latency guard off: with it on, the guard sets the pace, not rowsweep.
        ChunkStats javaStats = new ChunkStats();
        exec(admin, "CHECKPOINT");
        t = System.nanoTime();
        UpdateSummary java;
        try (HikariDataSource pool = pool(url, schema, workers)) {
            java = Update.of(pool).table(TABLES[2]).fix(new FeeAndTotal()).workers(workers).latencyGuard(LatencyGuard.OFF)
                    .listener(javaStats).run();
        }
        double javaSeconds = seconds(t);
        check(java.status() == RunStatus.DONE, "Java mode did not finish: " + java.describe());
        long javaRows = java.totalRowsChanged();
        System.out.printf(Locale.ROOT, "rowsweep Java mode (%d workers, latency guard off): %,d rows read and locked, %,d written in"
                + " %.2f s = %,.0f rows/s; %d chunks, longest %d ms%n", workers, java.run().rows(), javaRows, javaSeconds,
                javaRows / javaSeconds, javaStats.chunks.get(), javaStats.longestMillis.get());
        if (!"-".equals(out)) {
            StringBuilder md = new StringBuilder();
            md.append(MarkdownSections.begin(SECTION)).append('\n');
            md.append(String.format(Locale.ROOT, "## Update: rowsweep's chunked update against one set-based UPDATE (%s)%n%n", LocalDate.now()));
            md.append("Command, from the repository root:\n\n```\n./mvnw -q -pl bench -am package -DskipTests\n"
                    + "java -cp \"bench/target/classes:$(cat bench/target/classpath.txt)\" io.rowsweep.bench.UpdateBenchmark "
                    + url + " " + rows + " " + workers + " " + rounds + "\n```\n\n");
            md.append(String.format(Locale.ROOT, "Machine: %s, %d cores; %s; %s; %s, same machine. Load average %.2f at the start, %.2f at"
                    + " the end.%n%n", machine.cpu(), machine.cores(), machine.os(), machine.jvm(), machine.database(), loadBefore,
                    MachineInfo.loadAverage()));
            md.append(String.format(Locale.ROOT, "The seed's invoices: %,d rows, every tenth with a service fee (%,d rows to change), in %d"
                    + " identical tables. Each round changes the fee of every matching row of each table: once by one set-based `UPDATE"
                    + " invoices SET %s WHERE %s` in one transaction, once by `rowsweep update --table invoices --set ... --where ..."
                    + " --workers %d` with its defaults (latency guard on), once the same with `--latency-guard off`; the order rotates"
                    + " between rounds, `VACUUM ANALYZE` and a `CHECKPOINT` before each, and the tables are compared row by row after"
                    + " each round. rowsweep's time is its whole `run()`: pool, preparation, job state.%n%n", rows, matching,
                    TABLES.length, SET, WHERE, workers));
            md.append("| round | one UPDATE s | rowsweep, defaults s | ratio | rowsweep, `--latency-guard off` s | ratio |\n"
                    + "|--:|--:|--:|--:|--:|--:|\n");
            for (int r = 0; r < times.size(); r++) {
                double[] x = times.get(r);
                md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2fx | %.2f | %.2fx |%n", r + 1, x[0], x[1], x[1] / x[0], x[2],
                        x[2] / x[0]));
            }
            md.append(String.format(Locale.ROOT, "%n**Median ratio to the one UPDATE: %.2fx with the defaults, %.2fx with the latency guard"
                    + " off** (goal: at most 1.3x). Chunks (each its own transaction, holding its rows' locks until it commits): defaults"
                    + " %d chunks, longest %d ms, median %d ms; guard off %d chunks, longest %d ms, median %d ms.%n%n", guardedRatio,
                    flatRatio, stats[1].chunks.get(), stats[1].longestMillis.get(), stats[1].median(), stats[2].chunks.get(),
                    stats[2].longestMillis.get(), stats[2].median()));
            md.append(String.format(Locale.ROOT, "Java mode (a `RowFix` computing every invoice's fee and total: every row read, locked and"
                    + " written back in JDBC batches), %d workers, `--latency-guard off`: **%,.0f rows/s** (%,d rows in %.1f s, %d chunks,"
                    + " longest %d ms). With the guard on, its pace is the guard's, as for SQL mode above.%n%n", workers,
                    javaRows / javaSeconds, javaRows, javaSeconds, javaStats.chunks.get(), javaStats.longestMillis.get()));
            md.append(MarkdownSections.end(SECTION)).append('\n');
            MarkdownSections.write(Path.of(out), SECTION, md.toString());
            System.out.println("wrote section '" + SECTION + "' of " + out);
        }
    }

    private static double medianRatio(List<double[]> times, int which) {
        List<Double> ratios = new ArrayList<>();
        for (double[] x : times) {
            ratios.add(x[which] / x[0]);
        }
        ratios.sort(null);
        return ratios.get(ratios.size() / 2);
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
