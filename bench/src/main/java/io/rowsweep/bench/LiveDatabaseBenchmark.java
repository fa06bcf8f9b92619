package io.rowsweep.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.bench.internal.AppTransaction;
import io.rowsweep.bench.internal.Latencies;
import io.rowsweep.bench.internal.PgbenchLoad;
import io.rowsweep.bench.internal.WaitSampler;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * "The live database comes first", measured: an application (pgbench, in a process of its own)
 * runs a steady rate of short transactions that read and write single rows, some of them rows of
 * the table being updated, while every row of a multi-million-row table is updated: once by one
 * set-based {@code UPDATE}, once by {@code rowsweep update} with its defaults, and with each of
 * rowsweep's throttles for a fixed window. The application's latency percentiles in each window
 * show what each way of updating costs it; the section goes to {@code docs/BENCHMARKS.md}.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.rowsweep.bench.LiveDatabaseBenchmark
 * </pre>
 *
 * PostgreSQL only (pgbench speaks its protocol). Run with {@code --help} for the options.
 */
public final class LiveDatabaseBenchmark {

    static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=root";
    /** The schema the benchmark owns: loaded on every run, dropped at its end. */
    static final String SCHEMA = "rowsweep_live";
    static final int ACCOUNTS = 100_000;
    static final String SET = "fee = amount * 0.1";
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration SETTLE = Duration.ofSeconds(5);
    static final Duration SAMPLE_INTERVAL = Duration.ofMillis(20);
    /** The throttled runs, each a set of settings by name (the CLI's flags without the dashes). */
    static final String DEFAULT_THROTTLES = "latency-guard=off;latency-guard=off,chunk-time=1s;"
            + "latency-guard=off,max-rows-per-second=50000;latency-guard=off,max-rows-per-second=20000";
    /** The default run is stopped after this many windows if it has not finished (the guard may make it slow). */
    static final int DEFAULT_RUN_WINDOWS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(LiveDatabaseBenchmark.class);

    /** One application transaction: a read by key, a write to another table, a write to a random row the update also changes. */
    static final String APPLICATION = String.join("\n",
            "\\set oid random(1, :rows)",
            "\\set other random(1, :rows)",
            "\\set aid random(1, " + ACCOUNTS + ")",
            "\\set delta random(-500, 500)",
            "BEGIN;",
            "SELECT amount, fee, note FROM " + SCHEMA + ".orders WHERE id = :oid;",
            "UPDATE " + SCHEMA + ".accounts SET balance = balance + :delta WHERE id = :aid;",
            "UPDATE " + SCHEMA + ".orders SET touched = touched + 1 WHERE id = :other;",
            "END;",
            "");

    /** The options, as {@code --help} prints them. */
    public static final String USAGE = String.join("\n",
            "Usage: LiveDatabaseBenchmark [options]",
            "  --url JDBC_URL       PostgreSQL (default " + LOCAL_POSTGRES + "); the benchmark fills schema " + SCHEMA + " and drops it at the end",
            "  --rows N             rows of the updated table (default 4000000)",
            "  --rate N             the application's transactions per second (default 200)",
            "  --clients N          the application's connections (default 4)",
            "  --window SECONDS     length of the idle windows and of each throttled run (default 30)",
            "  --throttles LIST     the throttled runs: settings by name, ',' within a run, ';' between runs",
            "                       (default " + DEFAULT_THROTTLES + ")",
            "  --pgbench PATH       the pgbench program (default pgbench on the PATH)",
            "  --out FILE           Markdown file to write the section into, or - for none (default docs/BENCHMARKS.md)",
            "  --section NAME       the section's name in that file (default live-database)",
            "  --note TEXT          a remark on the conditions, printed under the machine");

    private LiveDatabaseBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark; returns the exit code: 0 done, 2 usage or configuration error, 3 failed. */
    public static int run(String... args) {
        return BenchmarkMain.run(args, USAGE, Options::parse, o -> o.help, o -> new Run(o, args).measure());
    }

    /**
     * What the application saw while one thing ran.
     *
     * @param what     what ran, e.g. "one set-based UPDATE"
     * @param settings rowsweep's settings that differ from the defaults, or "" (none, or not rowsweep)
     * @param rows     rows the update changed in the window (0 when idle)
     * @param complete whether the update covered the whole table (throttled runs stop after the window)
     */
    record Window(String what, String settings, Instant from, Instant to, long rows, boolean complete) {
        double seconds() {
            return Duration.between(from, to).toMillis() / 1000.0;
        }
    }

    /** One benchmark run. */
    private static final class Run {
        private final Options o;
        private final String[] args;
        private final ConnectionSettings connection;
        private final List<Window> windows = new ArrayList<>();
        private WaitSampler waits;
        private final Map<Window, String> waited = new LinkedHashMap<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "window-timer");
            t.setDaemon(true);
            return t;
        });

        Run(Options o, String[] args) {
            this.o = o;
            this.args = args;
            this.connection = new ConnectionSettings(o.url + (o.url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, null, null);
        }

        int measure() throws Exception {
            Instant started = Instant.now();
            double loadBefore = MachineInfo.loadAverage();
            MachineInfo machine;
            Path dir = Files.createTempDirectory("rowsweep-live-");
            try (HikariDataSource admin = connection.pool(2, "live-admin")) {
                try (Connection c = admin.getConnection()) {
                    machine = MachineInfo.describe(c);
                }
                load(admin);
                Path script = Files.writeString(dir.resolve("application.sql"), APPLICATION);
                PgbenchLoad app = PgbenchLoad.start(o.pgbench, target(o.url), script, Map.of("rows", Long.toString(o.rows)), o.clients,
                        o.rate, Duration.ofHours(1), dir);
                List<AppTransaction> transactions;
                try (Connection sampling = admin.getConnection();
                     WaitSampler sampler = WaitSampler.start(sampling, "pgbench", SAMPLE_INTERVAL.toMillis())) {
                    this.waits = sampler;
                    LOG.info("Application: pgbench at {} transactions/s over {} connections; warming up for {} s", o.rate, o.clients,
                            WARM_UP.toSeconds());
                    pause(app, WARM_UP);
                    idle(app, "nothing else (before)");
                    setBasedUpdate(admin);
                    maintenance(app, admin);
                    rowsweep(app, Map.of(), false);
                    maintenance(app, admin);
                    for (Map<String, String> throttle : o.throttles) {
                        rowsweep(app, throttle, true);
                        maintenance(app, admin);
                    }
                    idle(app, "nothing else (after)");
                    pause(app, SETTLE); // pgbench loses its last buffered log lines when stopped
                } finally {
                    transactions = app.stop();
                }
                deleteRecursively(dir);
                dropSchema(admin); // a few GB of rows and dead versions nobody needs afterwards
                String markdown = markdown(machine, transactions, started, loadBefore);
                waits = null;
                System.out.println(markdown);
                if (!"-".equals(o.out)) {
                    MarkdownSections.write(Path.of(o.out), o.section, markdown);
                    LOG.info("Wrote section '{}' of {}", o.section, o.out);
                }
                return 0;
            } finally {
                timer.shutdownNow();
            }
        }

        /** The table the update changes, and the one only the application writes; loaded fresh, vacuumed and analyzed. */
        private void load(HikariDataSource admin) throws SQLException {
            LOG.info("Loading {} rows into {}.orders", String.format(Locale.ROOT, "%,d", o.rows), SCHEMA);
            long t0 = System.nanoTime();
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                s.execute("CREATE SCHEMA " + SCHEMA);
                s.execute("CREATE TABLE " + SCHEMA + ".orders (id BIGINT PRIMARY KEY, amount NUMERIC(12,2) NOT NULL, fee NUMERIC(12,2),"
                        + " touched INT NOT NULL DEFAULT 0, note VARCHAR(60))");
                s.execute("INSERT INTO " + SCHEMA + ".orders (id, amount, note) SELECT i, (i % 100000) / 100.0, 'order number ' || i"
                        + " FROM generate_series(1, " + o.rows + ") AS g(i)");
                s.execute("CREATE TABLE " + SCHEMA + ".accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                s.execute("INSERT INTO " + SCHEMA + ".accounts SELECT i, 0 FROM generate_series(1, " + ACCOUNTS + ") AS g(i)");
                s.execute("VACUUM ANALYZE " + SCHEMA + ".orders");
                s.execute("VACUUM ANALYZE " + SCHEMA + ".accounts");
            }
            LOG.info("Loaded in {} s", (System.nanoTime() - t0) / 1_000_000_000L);
        }

        private static void dropSchema(HikariDataSource admin) throws SQLException {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }

        private void idle(PgbenchLoad app, String what) throws InterruptedException {
            LOG.info("Window: {} for {} s", what, o.window.toSeconds());
            Instant from = Instant.now();
            pause(app, o.window);
            add(new Window(what, "", from, Instant.now(), 0, false));
        }

        private void setBasedUpdate(HikariDataSource admin) throws SQLException {
            LOG.info("Window: one set-based UPDATE of every row");
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                Instant from = Instant.now();
                long rows = s.executeUpdate("UPDATE " + SCHEMA + ".orders SET " + SET);
                add(new Window("one set-based `UPDATE orders SET " + SET + "`", "", from, Instant.now(), rows, true));
            }
        }

        private void add(Window w) {
            windows.add(w);
            waited.put(w, waits.summary(micros(w.from()), micros(w.to()), 3));
        }

        /**
         * rowsweep's update of every row, as {@code rowsweep update --table orders --set ...} with
         * the settings {@code knobs} (by name, as the CLI's flags); a {@code throttled} run is stopped after the window.
         */
        private void rowsweep(PgbenchLoad app, Map<String, String> knobs, boolean throttled) throws InterruptedException {
            String what = knobs.isEmpty() ? "rowsweep update, default settings" : "rowsweep update";
            String settings = knobs.entrySet().stream().map(e -> "`--" + e.getKey() + " " + e.getValue() + "`")
                    .collect(Collectors.joining(" "));
            LOG.info("Window: {} {}", what, settings);
            // as the CLI makes it for the default workers: a connection per worker, one for the coordinator, one for the heartbeat
            try (HikariDataSource pool = connection.pool(SweepSettings.WORKERS.defaultValue() + 2, "rowsweep")) {
                Update update = Update.of(pool).table("orders").set(SET).job("live-" + (windows.size() + 1)).restart(true);
                for (Map.Entry<String, String> knob : knobs.entrySet()) {
                    update = update.withText(setting(knob.getKey()), knob.getValue());
                }
                Update running = update;
                timer.schedule(running::requestStop, o.window.multipliedBy(throttled ? 1 : DEFAULT_RUN_WINDOWS).toMillis(),
                        TimeUnit.MILLISECONDS);
                Instant from = Instant.now();
                UpdateSummary summary = running.run();
                Instant to = Instant.now();
                add(new Window(what, settings, from, to, summary.totalRowsChanged(), summary.totalRowsChanged() == o.rows));
            }
            if (!app.running()) {
                throw new IllegalStateException("the application (pgbench) stopped: " + app.output());
            }
        }

        /**
         * Outside any window: forgets the update jobs stopped after their window (rowsweep refuses a second unfinished
         * update of a table), VACUUMs what the last update left behind, then lets the application settle.
         */
        private void maintenance(PgbenchLoad app, HikariDataSource admin) throws SQLException, InterruptedException {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                for (String state : List.of("rowsweep_chunk", "rowsweep_table", "rowsweep_job")) {
                    try {
                        s.execute("DELETE FROM " + state + " WHERE job_name LIKE 'live-%'");
                    } catch (SQLException noStateYet) {
                        // before the first update
                    }
                }
                s.execute("VACUUM " + SCHEMA + ".orders");
            }
            pause(app, SETTLE);
        }

        private static void pause(PgbenchLoad app, Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
            if (!app.running()) {
                throw new IllegalStateException("the application (pgbench) stopped: " + app.output());
            }
        }

        private String markdown(MachineInfo machine, List<AppTransaction> transactions, Instant started, double loadBefore) {
            Map<Window, Latencies> seen = new LinkedHashMap<>();
            windows.forEach(w -> seen.put(w, Latencies.of(transactions, micros(w.from()), micros(w.to()))));
            // the quieter idle window: on a shared machine the other one may have caught someone else's work
            double idleP99 = seen.entrySet().stream().filter(e -> e.getKey().rows() == 0 && e.getKey().settings().isEmpty()
                    && !e.getKey().what().startsWith("rowsweep")).mapToDouble(e -> e.getValue().p99Millis()).min().orElse(Double.NaN);
            StringBuilder md = new StringBuilder();
            md.append(MarkdownSections.begin(o.section)).append('\n');
            md.append(String.format(Locale.ROOT, "## The live database comes first: an application's latency while %,d rows are updated (%s)%n%n",
                    o.rows, DateTimeFormatter.ISO_LOCAL_DATE.format(started.atOffset(ZoneOffset.UTC))));
            md.append("Command, from the repository root:\n\n```\n").append(BenchmarkMain.command(LiveDatabaseBenchmark.class, args)).append("\n```\n\n");
            md.append("Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores; ").append(machine.os())
                    .append("; ").append(machine.jvm()).append("; ").append(machine.database()).append(", same machine. Load average ")
                    .append(String.format(Locale.ROOT, "%.2f at the start, %.2f at the end; the run took %d min %d s.", loadBefore,
                            MachineInfo.loadAverage(), Duration.between(started, Instant.now()).toMinutes(),
                            Duration.between(started, Instant.now()).toSecondsPart()));
            if (o.note != null && !o.note.isBlank()) {
                md.append(' ').append(o.note.trim());
            }
            md.append("\n\n");
            md.append(String.format(Locale.ROOT, "The application: pgbench, a process of its own, at %d transactions/s over %d connections;"
                    + " each transaction reads one order by key, adds to one of %,d account balances, and increments `touched` of another"
                    + " random order (a row the update changes too, so the update's row locks are in its way). Latency is measured from"
                    + " each transaction's scheduled start (`pgbench -R`), so time spent waiting, and the transactions queued behind it,"
                    + " count.%n%n", o.rate, o.clients, ACCOUNTS));
            md.append(String.format(Locale.ROOT, "The update: `%s` on every row of `orders` (%,d rows, `bigint` primary key), once as one"
                    + " set-based UPDATE in one transaction, once by `rowsweep update --table orders --set \"%s\"` with its defaults (workers"
                    + " = cores, chunk time 200 ms, latency guard on; stopped after %d s if not done), and once per other setting, each"
                    + " stopped after %d s. `VACUUM orders` and %d s of rest between"
                    + " runs, outside the windows.%n%n", SET, o.rows, SET, o.window.toSeconds() * DEFAULT_RUN_WINDOWS, o.window.toSeconds(),
                    SETTLE.toSeconds()));
            md.append("| while the application ran beside | rowsweep settings | window s | rows updated | rows/s | whole table in"
                    + " | app tx | app tx/s | p50 ms | p99 ms | p99.9 ms | max ms | tx over 1 s | p99 vs idle | the application's"
                    + " busy sessions were |\n");
            md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
            seen.forEach((w, l) -> {
                double rate = w.rows() / Math.max(0.001, w.seconds());
                String whole = w.rows() == 0 ? "-" : w.complete() ? String.format(Locale.ROOT, "%.0f s", w.seconds())
                        : String.format(Locale.ROOT, "~%.0f s", o.rows / rate);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %,d | %s | %s | %,d | %.0f | %.1f | %.1f | %.1f | %.0f | %,d | %.1fx | %s |%n",
                        w.what(), w.settings().isEmpty() ? (w.what().startsWith("rowsweep") ? "defaults" : "-") : w.settings(),
                        w.seconds(), w.rows(), w.rows() == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", rate), whole,
                        l.transactions(), l.perSecond(), l.p50Millis(), l.p99Millis(), l.p999Millis(), l.maxMillis(), l.slow(),
                        l.p99Millis() / idleP99, waited.get(w)));
            });
            md.append("\n\"whole table in\": the time the run took, or for a throttled run (stopped after the window) the time its rate"
                    + " would take for every row. \"p99 vs idle\": the window's p99 over the lower p99 of the two idle windows (before and after). The last column"
                    + " samples `pg_stat_activity` every " + SAMPLE_INTERVAL.toMillis() + " ms: what the application's sessions that were"
                    + " inside a statement were doing (running, or the wait event: `Lock:transactionid` is a row lock held by another"
                    + " transaction, `IO:WALSync`/`LWLock:WALWrite` waiting for the write-ahead log to reach the disk), top three.\n\n");
            md.append(MarkdownSections.end(o.section)).append('\n');
            return md.toString();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** An engine setting by its name, e.g. {@code chunk-time}. */
    static Setting<?> setting(String name) {
        return SweepSettings.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--throttles: no setting '" + name + "'; settings: " + SweepSettings.ALL.stream().map(Setting::name)
                        .collect(Collectors.joining(", "))));
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    /** libpq's view of a {@code jdbc:postgresql://host:port/database?user=...&password=...} URL. */
    static PgbenchLoad.Target target(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw RowSweepException.usage("--url must be a PostgreSQL URL (jdbc:postgresql://host:port/database): pgbench plays the"
                    + " application, and it speaks only PostgreSQL.");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String p : uri.getQuery().split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    params.put(p.substring(0, eq), p.substring(eq + 1));
                }
            }
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new PgbenchLoad.Target(uri.getHost() == null ? "127.0.0.1" : uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                database, params.get("user"), params.get("password"));
    }

    /** The command line, parsed and checked. */
    static final class Options {
        String url = LOCAL_POSTGRES;
        long rows = 4_000_000;
        int rate = 200;
        int clients = 4;
        Duration window = Duration.ofSeconds(30);
        String pgbench = "pgbench";
        List<Map<String, String>> throttles = throttles(DEFAULT_THROTTLES);
        String out = "docs/BENCHMARKS.md";
        String section = "live-database";
        String note;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "Unknown argument: " + a);
                }
                o.set(a, args[++i]);
            }
            target(o.url);
            return o;
        }

        private void set(String option, String value) {
            try {
                switch (option) {
                    case "--url": url = value; break;
                    case "--rows": rows = positive(option, Long.parseLong(value)); break;
                    case "--rate": rate = (int) positive(option, Integer.parseInt(value)); break;
                    case "--clients": clients = (int) positive(option, Integer.parseInt(value)); break;
                    case "--window": window = Duration.ofSeconds(positive(option, Long.parseLong(value))); break;
                    case "--pgbench": pgbench = value; break;
                    case "--throttles": throttles = throttles(value); break;
                    case "--out": out = value; break;
                    case "--section": section = value; break;
                    case "--note": note = value; break;
                    default: throw new IllegalArgumentException("Unknown option: " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
            } catch (RowSweepException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        /** {@code a=1,b=2;c=3}: one map per run, each setting checked by name and value now. */
        static List<Map<String, String>> throttles(String text) {
            List<Map<String, String>> runs = new ArrayList<>();
            for (String run : text.split(";")) {
                Map<String, String> knobs = new LinkedHashMap<>();
                for (String pair : run.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--throttles: '" + pair + "' is not name=value");
                    }
                    String name = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    setting(name).parse(value, "--throttles " + name);
                    knobs.put(name, value);
                }
                runs.add(knobs);
            }
            return runs;
        }

        private static long positive(String option, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(option + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
