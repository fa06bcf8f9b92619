package io.rowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.OnError;
import io.rowsweep.core.RunStatus;
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
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rowsweep status} against the job state a real run left, on each database. */
abstract class StatusCommandContractTest {

    static final int ROWS = 12_000;
    static final long POISON = 7_777;

    TestSchema db;

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
        CountingJob.createTable(db, "orders", ROWS);
        CountingJob.createTable(db, "customers", ROWS / 4);
    }

    @AfterEach
    void dropSchema() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    RunSummary runJob(String name) {
        return runJob(name, List.of("orders", "customers"));
    }

    RunSummary runJob(String name, List<String> tables) {
        SettingValues settings = SettingValues.defaults().with(SweepSettings.WORKERS, 3).with(SweepSettings.JOB, name)
                .with(SweepSettings.INITIAL_CHUNK_ROWS, 500).with(SweepSettings.MAX_CHUNK_ROWS, 1_000)
                .with(SweepSettings.ON_ERROR, OnError.SKIP_CHUNK)
                // this test is about status, not throttling: on a database other builds use, the guard would pace the run
                .with(SweepSettings.LATENCY_GUARD, LatencyGuard.OFF);
        try (HikariDataSource pool = db.dataSource(4)) {
            return new SweepEngine(pool, settings, List.of(), Clock.systemUTC()).run(new CountingJob(tables, 0, POISON));
        }
    }

    @Test
    void showsTablesChunksAndFailures() {
        RunSummary summary = runJob("nightly");
        assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
        long doneRows = db.queryLong("SELECT count(*) FROM orders WHERE visits = 1") + db.queryLong("SELECT count(*) FROM customers WHERE visits = 1");

        Cli.Result r = Cli.run("status", "--url", db.url(), "--job", "nightly");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("nightly (validate, run 1)", "failed (1 chunk failed)", "orders", "customers",
                "row id=" + POISON + " of orders is poisoned", "Resume: re-run");
        // the rows line counts what the data says was processed
        assertThat(r.out()).contains("Progress  " + String.format("%,d", doneRows) + " rows");
        assertThat(r.out().lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow()).matches("orders\\s+\\d+\\s+0\\s+1\\s+.*");
    }

    @Test
    void aValidationsStatusShowsItsViolationsByConstraintWithAnExample(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "tables:\n  orders:\n    columns:\n      id: [{Max: 11500}]\n      visits: [{Min: 1}]\n");
        Cli.Result run = Cli.run("validate", "--url", db.url(), "--rules", rules.toString(), "--out", dir.resolve("v.jsonl").toString(),
                "--job", "checked", "--latency-guard", "off", "--workers", "2");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);

        Cli.Result r = Cli.run("status", "--url", db.url(), "--job", "checked");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Violations by constraint (chunks done so far):", "CONSTRAINT", "EXAMPLE");
        // most frequent first, with the counts SQL gives
        List<String> rows = r.out().lines().dropWhile(l -> !l.startsWith("Violations by constraint")).skip(2).toList();
        assertThat(rows.get(0)).matches("(?i)orders\\s+visits\\s+Min\\s+" + String.format(Locale.ROOT, "%,d", ROWS) + "\\s+\\{\"id\":\\d+\\}"
                + " = 0: must be greater than or equal to 1");
        assertThat(rows.get(1)).matches("(?i)orders\\s+id\\s+Max\\s+" + String.format(Locale.ROOT, "%,d",
                db.queryLong("SELECT count(*) FROM orders WHERE id > 11500")) + "\\s+\\{\"id\":\\d+\\} = \\d+: must be less than or equal to 11500");
    }

    @Test
    void listsJobsWhenNoneIsNamed() {
        runJob("first");
        // Its own table: a job that writes is refused beside an unfinished one writing the same table.
        CountingJob.createTable(db, "invoices", ROWS / 4);
        runJob("second", List.of("invoices"));
        Cli.Result r = Cli.run("status", "--url", db.url());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("JOB", "first", "second", "validate", "failed");
    }

    @Test
    void unknownJobExits2AndListsTheKnownOnes() {
        Cli.Result none = Cli.run("status", "--url", db.url(), "--job", "nightly");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("rowsweep: No job named 'nightly': there are no rowsweep jobs");

        runJob("nightly");
        Cli.Result r = Cli.run("status", "--url", db.url(), "--job", "nighty");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("rowsweep: No job named 'nighty'").contains("Known jobs: nightly.").doesNotContain("\tat ");
    }
}
