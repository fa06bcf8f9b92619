package io.rowsweep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.testkit.ReplicaPair;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The replica-lag benchmark (not a test): a PostgreSQL primary with a real streaming replica
 * ({@link ReplicaPair}, in a temp dir), and the same mass update of {@code rows} rows run by
 * rowsweep with the latency guard off and with its defaults, one after the other in the same run.
 * The replica's lag is measured apart from rowsweep, with the benchmark's own heartbeat: ten
 * times a second it writes its clock on the primary and reads the copy on the replica. Goal (issue
 * 13): with the defaults the lag stays under max-replica-lag (1 s) plus one chunk's time (200 ms),
 * while with the guard off it exceeds max-replica-lag.
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -cp "bench/target/classes:$(cat bench/target/classpath.txt)"
 * io.rowsweep.bench.ReplicaLagBenchmark [rows] [workers] [out] [link MB/s]}; default {@code 2000000 2 docs/BENCHMARKS.md 4} (out
 * {@code -}: print only). The replica receives the write-ahead log over a link of {@code link MB/s} (0: no limit): on one machine a
 * replica replays as fast as the primary writes, so without a slow link it never lags. Needs root and the PostgreSQL 15 server
 * binaries (it starts both servers).
 */
public final class ReplicaLagBenchmark {

    private static final String SECTION = "replica-lag";
    private static final Duration SAMPLE = Duration.ofMillis(100);

    private ReplicaLagBenchmark() {
    }

    /** One contender's run: its time and the lag the replica had meanwhile, in milliseconds, every 100 ms. */
    private record Result(String name, Duration elapsed, long rows, List<Long> lags) {
        long max() {
            return lags.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        long percentile(double p) {
            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }

        /** The highest lag of each second, in seconds: how it went over the run. */
        String perSecond() {
            StringBuilder series = new StringBuilder();
            for (int i = 0; i < lags.size(); i += 10) {
                long max = lags.subList(i, Math.min(lags.size(), i + 10)).stream().mapToLong(Long::longValue).max().orElse(0);
                series.append(series.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", max / 1000.0));
            }
            return series.toString();
        }

        double secondsOver(long millis) {
            return lags.stream().filter(l -> l > millis).count() * SAMPLE.toMillis() / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String out = args.length > 2 ? args[2] : "docs/BENCHMARKS.md";
        double linkMegabytes = args.length > 3 ? Double.parseDouble(args[3]) : 4;
        try (ReplicaPair pair = ReplicaPair.postgres(linkMegabytes > 0 ? (long) (linkMegabytes * 1_000_000) : -1)) {
            String primary = pair.primaryUrl();
            try (Connection c = DriverManager.getConnection(primary); Statement s = c.createStatement()) {
                for (String t : List.of("flat", "guarded")) {
                    s.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, amount NUMERIC(12,2) NOT NULL, fee NUMERIC(12,2))");
                    s.execute("INSERT INTO " + t + " SELECT g, (g % 1000) + 0.99, NULL FROM generate_series(1, " + rows + ") g");
                    // Autovacuum of a table the other run left full of dead rows writes bursts of its own the link must carry:
                    // the replica would lag for it, not for the run measured.
                    s.execute("ALTER TABLE " + t + " SET (autovacuum_enabled = off)");
                    s.execute("VACUUM ANALYZE " + t);
                }
                s.execute("CREATE TABLE bench_heartbeat (id INT PRIMARY KEY, at BIGINT NOT NULL)");
                s.execute("INSERT INTO bench_heartbeat VALUES (1, 0)");
            }
            System.out.printf(Locale.ROOT, "replica-lag benchmark: %,d rows, %d workers, %d cores; primary %s, replica %s, link %s%n", rows,
                    workers, Runtime.getRuntime().availableProcessors(), primary, pair.replicaUrl(), link(linkMegabytes));
            List<Result> results = new ArrayList<>();
            results.add(run(pair, "rowsweep, --latency-guard off", "flat", workers, LatencyGuard.OFF));
            results.add(run(pair, "rowsweep, defaults", "guarded", workers, LatencyGuard.AUTO));
            String md = markdown(results, rows, workers, linkMegabytes);
            System.out.println(md);
            if (!out.equals("-")) {
                MarkdownSections.write(Path.of(out), SECTION, MarkdownSections.begin(SECTION) + "\n" + md + MarkdownSections.end(SECTION) + "\n");
                System.out.println("wrote section '" + SECTION + "' of " + out);
            }
        }
    }

    private static Result run(ReplicaPair pair, String name, String table, int workers, LatencyGuard guard) throws Exception {
        waitForReplica(pair);
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> sample(pair, lags, done), "replica-lag-sampler");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pair.primaryUrl());
        config.setMaximumPoolSize(workers + 4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            sampler.start();
            long t0 = System.nanoTime();
            UpdateSummary s = Update.of(pool).table(table).set("fee = amount * 0.1").workers(workers).job("lag-" + table)
                    .latencyGuard(guard).run();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            done.set(true);
            sampler.join();
            System.out.printf(Locale.ROOT, "%s: %s, %,d rows in %.1f s%n", name, s.status(), s.totalRowsChanged(), elapsed.toMillis() / 1000.0);
            return new Result(name, elapsed, s.totalRowsChanged(), List.copyOf(lags));
        }
    }

    /** Ten times a second: this process's clock written on the primary, its copy read on the replica; the difference is the lag. */
    private static void sample(ReplicaPair pair, List<Long> lags, AtomicBoolean done) {
        try (Connection p = DriverManager.getConnection(pair.primaryUrl()); Connection r = DriverManager.getConnection(pair.replicaUrl());
             PreparedStatement beat = p.prepareStatement("UPDATE bench_heartbeat SET at = ? WHERE id = 1");
             PreparedStatement read = r.prepareStatement("SELECT at FROM bench_heartbeat WHERE id = 1")) {
            while (!done.get()) {
                long now = System.currentTimeMillis();
                beat.setLong(1, now);
                beat.executeUpdate();
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    lags.add(Math.max(0, System.currentTimeMillis() - rs.getLong(1)));
                } catch (SQLException notYetReplayed) {
                    if (!"42P01".equals(notYetReplayed.getSQLState())) {
                        throw notYetReplayed;
                    }
                    lags.add(Long.MAX_VALUE); // the replica has not replayed the heartbeat table yet
                }
                Thread.sleep(SAMPLE.toMillis());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sampling the replica's lag", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the replica has replayed everything (a fresh heartbeat is read back within 100 ms). */
    private static void waitForReplica(ReplicaPair pair) throws Exception {
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Thread t = new Thread(() -> sample(pair, lags, done));
        t.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && (lags.size() < 5 || lags.get(lags.size() - 1) > 100)) {
            Thread.sleep(200);
        }
        done.set(true);
        t.join();
    }

    private static String link(double megabytes) {
        return megabytes > 0 ? String.format(Locale.ROOT, "%s MB/s", megabytes) : "not limited";
    }

    private static String markdown(List<Result> results, long rows, int workers, double linkMegabytes) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Replica lag: a %,d-row update, PostgreSQL primary and streaming replica (%s)%n%n", rows,
                java.time.LocalDate.now()));
        md.append("Command, from the repository root:\n\n```\n./mvnw -q -pl bench -am package -DskipTests\n")
                .append("java -cp \"bench/target/classes:$(cat bench/target/classpath.txt)\" io.rowsweep.bench.ReplicaLagBenchmark ")
                .append(rows).append(' ').append(workers).append(" docs/BENCHMARKS.md ").append(linkMegabytes).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores; both servers on it, started by the benchmark (`ReplicaPair`: initdb,"
                + " pg_basebackup, fsync off). The replica streams the write-ahead log through a link of %s (a proxy in the benchmark's"
                + " process that passes at most that many bytes a second, as a link to another region would). The lag is the benchmark's own"
                + " heartbeat: its clock written on the primary and read on the replica ten times a second. rowsweep's `max-replica-lag` is"
                + " 1 s, its chunk time for updates 200 ms: the goal is a lag under 1.2 s with the defaults.%n%n",
                Runtime.getRuntime().availableProcessors(), link(linkMegabytes)));
        md.append("| run | time s | rows/s | lag p50 ms | lag p99 ms | lag max ms | time over 1 s |\n|---|--:|--:|--:|--:|--:|--:|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f | %d | %d | %d | %.1f s |%n", r.name(), r.elapsed().toMillis() / 1000.0,
                    r.rows() / Math.max(0.001, r.elapsed().toMillis() / 1000.0), r.percentile(0.5), r.percentile(0.99), r.max(),
                    r.secondsOver(1000)));
        }
        md.append("\nThe replica's lag over each run, the highest of each second, in seconds:\n\n");
        for (Result r : results) {
            md.append("- ").append(r.name()).append(": ").append(r.perSecond()).append('\n');
        }
        return md.append('\n').toString();
    }
}
