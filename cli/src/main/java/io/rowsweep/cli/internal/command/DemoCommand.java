package io.rowsweep.cli.internal.command;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.options.ConnectionOptions;
import io.rowsweep.cli.internal.options.ConnectionSettings;
import io.rowsweep.cli.internal.options.DataSources;
import io.rowsweep.cli.internal.progress.ConsoleProgress;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.demo.EmbeddedDemoDatabase;
import io.rowsweep.demo.SeedBaseline;
import io.rowsweep.demo.SeedSchema;
import io.rowsweep.demo.TableCounts;
import io.rowsweep.report.internal.Format;
import io.rowsweep.report.internal.RunReport;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;
import io.rowsweep.validation.Validation;
import io.rowsweep.validation.ValidationSettings;
import io.rowsweep.validation.ValidationSummary;
import io.rowsweep.validation.ViolationFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code rowsweep demo}: the seed's valid_data benchmark, end to end, on a database it starts
 * itself: load the 7 tables, validate them with 1, 2, 4 … workers, compare with SQL and with the
 * seed's published numbers, run a resumable update, write the HTML report.
 */
@Command(name = "demo",
        description = {"Run rowsweep on the valid_data benchmark schema (7 tables, 1,232,687 rows of title and body, some invalid)"
                + " with nothing installed but Java: start an embedded PostgreSQL (or use --url), load the tables, validate them"
                + " sequentially and in parallel, check the result against SQL, run a resumable update, and write an HTML report.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  rowsweep demo", "  rowsweep demo --scale 0.1 --workers 2", "  rowsweep demo --url jdbc:postgresql://localhost:5432/test --user root"})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--scale", paramLabel = "F", defaultValue = "1.0",
            description = "Multiply the seed's row counts by F (0.01 for a quick look, 1 = 1,232,687 rows). Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
            description = "Validate with 1, 2, 4 … up to N workers. Default: ${DEFAULT-VALUE}.")
    int maxWorkers;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "rowsweep-demo",
            description = "Where the violations file and the report go. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        if (maxWorkers < 1 || maxWorkers > 256) {
            throw RowSweepException.usage("--workers must be between 1 and 256, got " + maxWorkers);
        }
        out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        SeedSchema seed = SeedSchema.atScale(scale);
        ConnectionSettings given = connection.given().orElse(null);
        EmbeddedDemoDatabase embedded = null;
        try {
            ConnectionSettings where = given;
            if (where == null) {
                say("Starting an embedded PostgreSQL (no --url given) ...");
                embedded = EmbeddedDemoDatabase.start();
                where = new ConnectionSettings(embedded.jdbcUrl(), "embedded", null, null);
            }
            try (HikariDataSource pool = DataSources.pool(where, maxWorkers)) {
                return run(seed, pool, where);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private boolean embeddedDatabase;

    private int run(SeedSchema seed, HikariDataSource pool, ConnectionSettings where) throws Exception {
        embeddedDatabase = "embedded".equals(where.urlSource());
        say("Database: " + where.redactedUrl());
        say("Loading the seed's 7 tables at scale " + scale + " (" + Format.count(seed.totalRows()) + " rows) ...");
        SeedSchema.LoadResult load = seed.load(pool);
        say(load.reused() ? "  already loaded; reusing them." : "  loaded in " + Format.duration(load.elapsed()) + ".");
        List<TableCounts> expected = SeedSchema.count(pool);
        long expectedInvalid = expected.stream().mapToLong(TableCounts::invalidRows).sum();
        say("  SQL says " + Format.count(expectedInvalid) + " rows break the rules (blank title or body, title over 255 characters).");
        say("");

        // A short warm-up (class loading, the validator's metadata, JIT) so the 1-worker run is not charged for it.
        Validation.of(pool).entities(SeedSchema.entityClasses().toArray(new Class<?>[0]))
                .with(ValidationSettings.TABLES, "sub_pages,static_pages").with(ValidationSettings.OUT, dir.resolve("warm-up.jsonl").toString())
                .workers(maxWorkers).restart(true).job("demo-warm-up").run();
        say("Validating every row against the entity classes' Bean Validation constraints (@NotBlank, @Size):");
        List<ValidationSummary> summaries = new ArrayList<>();
        for (int workers = 1; workers <= maxWorkers; workers = workers == maxWorkers ? maxWorkers + 1 : Math.min(maxWorkers, workers * 2)) {
            ValidationSummary s = validation(pool, workers).entities(SeedSchema.entityClasses().toArray(new Class<?>[0]))
                    .with(ValidationSettings.OUT, dir.resolve("violations.jsonl").toString())
                    .job("demo-validate-" + workers + "w").run();
            check(s);
            summaries.add(s);
        }
        printComparison(summaries, expectedInvalid, seed.totalRows());

        ValidationSummary rulesRun = validation(pool, maxWorkers).rules(SeedSchema.writeRules(dir.resolve("seed-rules.yaml")))
                .with(ValidationSettings.OUT, dir.resolve("violations-rules.jsonl").toString()).job("demo-validate-rules").run();
        check(rulesRun);
        say("Same check from a YAML rules file instead of entity classes (" + dir.resolve("seed-rules.yaml") + "): "
                + Format.count(rulesRun.invalidRows()) + " invalid rows, " + (rulesRun.invalidRows() == expectedInvalid ? "the same." : "DIFFERENT."));
        say("Violations, one JSON object per line: " + dir.resolve("violations.jsonl") + firstViolation(dir.resolve("violations.jsonl")));
        say("");

        ValidationSummary last = summaries.get(summaries.size() - 1);
        Path report = RunReport.write(dir.resolve("report.html"), RunReport.load(pool, null, null, last.run())
                .withDatabase(where.redactedUrl()).withBreakdown(ValidateCommand.breakdown(last)));

        resumableUpdate(pool);
        say("");
        say("HTML report of the " + last.run().workers() + "-worker run (timeline, throughput, tables): " + report.toAbsolutePath());
        say("Next: rowsweep validate --help, rowsweep update --help" + (embeddedDatabase
                ? "." : ", rowsweep status --url " + where.redactedUrl() + " --job demo-fix-titles"));
        return expectedInvalid == last.invalidRows() ? 0 : 3;
    }

    private Validation validation(HikariDataSource pool, int workers) {
        return Validation.of(pool).listener(ConsoleProgress.create()).workers(workers).restart(true)
                .with(ValidationSettings.FORMAT, ViolationFormat.JSONL);
    }

    private void check(ValidationSummary s) {
        if (s.run().status() != RunStatus.DONE) {
            throw new RowSweepException(ErrorCode.RUN_FAILED, "The demo's validation ended " + s.run().status() + ": " + s.run().failures());
        }
    }

    private void printComparison(List<ValidationSummary> summaries, long expectedInvalid, long rows) {
        double sequential = seconds(summaries.get(0).run().elapsed());
        say("");
        say(String.format(Locale.ROOT, "  %-22s %9s %12s %9s %13s  %s", "run", "time", "rows/s", "speed-up", "invalid rows", "matches SQL"));
        for (ValidationSummary s : summaries) {
            double t = seconds(s.run().elapsed());
            say(String.format(Locale.ROOT, "  %-22s %8.1fs %12s %8.2fx %13s  %s", "rowsweep, " + s.run().workers() + " worker"
                            + (s.run().workers() == 1 ? "" : "s"), t, Format.count((long) (rows / t)), sequential / t,
                    Format.count(s.invalidRows()), s.invalidRows() == expectedInvalid ? "yes" : "NO"));
        }
        say("");
        say("  The seed's valid_data gem on the same 7 tables (its machine; 5 passes in a row, as published):");
        for (SeedBaseline b : SeedBaseline.PUBLISHED) {
            say(String.format(Locale.ROOT, "  %-22s %8.1fs  (%.1f s per pass, %s rows/s)", "valid_data, " + b.run().toLowerCase(Locale.ROOT),
                    b.totalSeconds(), b.secondsPerPass(), Format.count((long) b.rowsPerSecond())));
        }
        if (scale != 1.0) {
            say("  (this demo ran at scale " + scale + ": compare rows/s, not times)");
        }
        say("");
    }

    /** Fixes blank titles in posts, interrupting the first run after a few chunks to show that re-running resumes it. */
    private void resumableUpdate(HikariDataSource pool) throws SQLException {
        String where = "title IS NULL OR TRIM(title) = ''";
        long before = count(pool, "SELECT count(*) FROM posts WHERE " + where);
        say("A resumable update: posts with a blank title get '(untitled)' (" + Format.count(before) + " rows), 2 workers,"
                + " latency guard off (no application shares the demo's database), interrupted after 3 chunks as Ctrl-C would:");
        Update fix = Update.of(pool).table("posts").set("title = '(untitled)'").where(where).workers(2).maxChunkRows(20_000)
                .latencyGuard(LatencyGuard.OFF).job("demo-fix-titles").restart(true);
        AtomicInteger chunks = new AtomicInteger();
        Update[] running = new Update[1];
        running[0] = fix.listener(new ProgressListener() {
            @Override
            public void chunkFinished(ChunkEvent e) {
                if (chunks.incrementAndGet() == 3) {
                    running[0].requestStop();
                }
            }
        });
        UpdateSummary first = running[0].run();
        long left = count(pool, "SELECT count(*) FROM posts WHERE " + where);
        say("  first run: " + first.status().name().toLowerCase(Locale.ROOT) + " after " + Format.count(first.run().rows())
                + " rows; " + Format.count(before - left) + " titles fixed, " + Format.count(left) + " to go.");
        UpdateSummary second = fix.restart(false).run();
        long after = count(pool, "SELECT count(*) FROM posts WHERE " + where);
        say("  same command again: " + second.status().name().toLowerCase(Locale.ROOT) + (second.run().resumed() ? ", resumed" : "")
                + "; " + Format.count(second.totalRowsChanged()) + " titles fixed in all, " + Format.count(after)
                + " blank titles left (SQL). No chunk ran twice.");
    }

    private static long count(HikariDataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String firstViolation(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().map(l -> System.lineSeparator() + "  e.g. " + Format.abbreviate(l, 200)).orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
