package io.rowsweep.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.demo.EmbeddedDemoDatabase;
import io.rowsweep.demo.SeedSchema;
import io.rowsweep.demo.TableCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The validate benchmark: loads the seed's schema once, then measures, in one run, the raw JDBC
 * floor, the Spring Batch peer and rowsweep at each worker count, checks that all find the same
 * invalid rows as SQL does, and writes the table with its ratios to {@code docs/BENCHMARKS.md}.
 *
 * <pre>
 * ./rowsweep bench --workers 1,2
 * </pre>
 *
 * ({@code ./rowsweep bench} builds the command line's jar and this module when they are older than the sources, then runs
 * this class on the module's class path; forked rowsweep runs start {@code ./rowsweep validate}.)
 *
 * Run with {@code --help} for the options.
 */
public final class ValidateBenchmark {

    /** The local PostgreSQL the benchmark uses when no {@code --url} is given and it is reachable. */
    static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=root";
    /** Its schema for the seed tables, so they do not mix with anything in {@code public}. */
    static final String LOCAL_SCHEMA = "rowsweep_bench";
    static final String FLOOR = RawJdbcScanContender.NAME;
    static final String PEER = SpringBatchContender.NAME;

    private static final Logger LOG = LoggerFactory.getLogger(ValidateBenchmark.class);

    /** The options, as {@code --help} prints them. */
    public static final String USAGE = String.join("\n",
            "Usage: ValidateBenchmark [options]",
            "  --url JDBC_URL          database (default: local PostgreSQL 127.0.0.1:5432/test as root, schema " + LOCAL_SCHEMA
                    + ", if reachable; else an embedded PostgreSQL)",
            "  --user U, --password P  credentials, if not in the URL (ROWSWEEP_BENCH_PASSWORD keeps the password off the command line)",
            "  --scale F               seed schema size, 1 = 1,232,687 rows (default 1)",
            "  --workers 1,2,4         worker counts to measure (default 1,2,4)",
            "  --contenders a,b        contenders to run, from: " + contenders().stream().map(Contender::name).collect(Collectors.joining(", "))
                    + " (default all)",
            "  --warmups N             unmeasured rounds first (default " + BenchmarkHarness.DEFAULT_WARMUPS + ")",
            "  --repetitions N         measured rounds; medians are reported (default " + BenchmarkHarness.DEFAULT_REPETITIONS + ")",
            "  --jvm-options \"OPTS\"    JVM options of each run's JVM, e.g. \"-Xmx64m\" (default none)",
            "  --in-process            run everything in this JVM instead of one JVM per run",
            "  --out FILE              Markdown file to write the section into, or - for none (default docs/BENCHMARKS.md)",
            "  --section NAME          the section's name in that file (default validate)",
            "  --note TEXT             a remark on the conditions, printed under the machine",
            "  --title TEXT            the section's heading");

    private ValidateBenchmark() {
    }

    /**
     * Everything the benchmark can measure, the floor first. To measure rowsweep's validate job,
     * add a {@link Contender} running it here (its class needs a no-argument constructor: forked runs
     * create it by name).
     */
    public static List<Contender> contenders() {
        return List.of(new RawJdbcScanContender(), new SpringBatchContender(), new RowsweepContender());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark; returns the exit code: 0 done, 2 usage or configuration error, 3 failed. */
    public static int run(String... args) {
        return BenchmarkMain.run(args, USAGE, Options::parse, o -> o.help, o -> measure(o, args));
    }

    private static int measure(Options o, String[] args) throws Exception {
        EmbeddedDemoDatabase embedded = null;
        try {
            ConnectionSettings connection;
            if (o.url != null) {
                connection = new ConnectionSettings(o.url, o.user, o.password);
            } else if (reachable(LOCAL_POSTGRES)) {
                try (Connection c = DriverManager.getConnection(LOCAL_POSTGRES); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + LOCAL_SCHEMA);
                }
                connection = new ConnectionSettings(LOCAL_POSTGRES + "&currentSchema=" + LOCAL_SCHEMA, null, null);
            } else {
                LOG.info("No --url and no local PostgreSQL on 127.0.0.1:5432: starting an embedded PostgreSQL");
                embedded = EmbeddedDemoDatabase.start();
                connection = new ConnectionSettings(embedded.jdbcUrl(), null, null);
            }
            LOG.info("Database: {}", connection);

            SeedSchema seed = SeedSchema.atScale(o.scale);
            ContenderResult expected;
            MachineInfo machine;
            try (HikariDataSource pool = connection.pool(2, "bench-setup")) {
                seed.load(pool);
                List<TableCounts> counts = SeedSchema.count(pool);
                expected = new ContenderResult(counts.stream().mapToLong(TableCounts::rows).sum(),
                        counts.stream().mapToLong(TableCounts::invalidRows).sum());
                try (Connection c = pool.getConnection()) {
                    machine = MachineInfo.describe(c);
                }
            }
            LOG.info("Seed schema at scale {}: {} rows, {} invalid (by SQL)", o.scale, expected.rows(), expected.invalidRows());

            BenchmarkHarness.Builder builder = BenchmarkHarness.builder(connection).workers(o.workers).warmups(o.warmups)
                    .repetitions(o.repetitions).forked(!o.inProcess).jvmOptions(o.jvmOptions).expected(expected);
            for (Contender c : selected(o.contenders)) {
                builder.contender(c);
            }
            BenchmarkHarness harness = builder.build();
            Instant started = Instant.now();
            double loadBefore = MachineInfo.loadAverage();
            List<Measurement> measurements = harness.run();
            BenchmarkReport report = new BenchmarkReport(o.section, o.title(expected.rows()), command(args), machine, harness, measurements,
                    FLOOR, PEER, o.note, started, Duration.between(started, Instant.now()), loadBefore, MachineInfo.loadAverage());
            System.out.println(report.toMarkdown());
            if (!"-".equals(o.out)) {
                report.writeTo(Path.of(o.out));
                LOG.info("Wrote section '{}' of {}", o.section, o.out);
            }
            return 0;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static List<Contender> selected(List<String> names) {
        if (names.isEmpty()) {
            return contenders();
        }
        List<Contender> out = new ArrayList<>();
        for (String n : names) {
            out.add(contenders().stream().filter(c -> c.name().equals(n)).findFirst().orElseThrow(() -> RowSweepException.usage(
                    "Unknown contender '" + n + "'; choose from " + contenders().stream().map(Contender::name).collect(Collectors.joining(", ")))));
        }
        return out;
    }

    private static boolean reachable(String url) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(url + "&connectTimeout=3")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** This run's command as someone would type it from the repository root (it builds what it runs); secrets replaced by ***. */
    static String command(String[] args) {
        return "./rowsweep bench" + BenchmarkMain.arguments(args);
    }

    /** The command line, parsed and checked. */
    static final class Options {
        String url;
        String user;
        String password = System.getenv(ConnectionSettings.PASSWORD_ENV);
        double scale = SeedSchema.DEFAULT_SCALE;
        List<Integer> workers = List.of(1, 2, 4);
        List<String> contenders = List.of();
        int warmups = BenchmarkHarness.DEFAULT_WARMUPS;
        int repetitions = BenchmarkHarness.DEFAULT_REPETITIONS;
        List<String> jvmOptions = List.of();
        boolean inProcess;
        String out = "docs/BENCHMARKS.md";
        String section = "validate";
        String note;
        String title;
        boolean help;

        String title(long rows) {
            return title != null ? title : String.format(Locale.ROOT, "Validate: the seed's 7 tables, %,d rows", rows);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help":
                    case "-h":
                        o.help = true;
                        break;
                    case "--in-process":
                        o.inProcess = true;
                        break;
                    default:
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "Unknown argument: " + a);
                        }
                        o.set(a, args[++i]);
                }
            }
            return o;
        }

        private void set(String option, String value) {
            try {
                switch (option) {
                    case "--url": url = value; break;
                    case "--user": user = value; break;
                    case "--password": password = value; break;
                    case "--scale": scale = Double.parseDouble(value); SeedSchema.atScale(scale); break;
                    case "--workers": workers = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toList()); break;
                    case "--contenders": contenders = Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toList()); break;
                    case "--warmups": warmups = Integer.parseInt(value); break;
                    case "--repetitions": repetitions = Integer.parseInt(value); break;
                    case "--jvm-options": jvmOptions = value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+")); break;
                    case "--out": out = value; break;
                    case "--section": section = value; break;
                    case "--note": note = value; break;
                    case "--title": title = value; break;
                    default: throw new IllegalArgumentException("Unknown option: " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number (a comma-separated list for --workers), not '" + value + "'");
            } catch (RowSweepException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    }
}
