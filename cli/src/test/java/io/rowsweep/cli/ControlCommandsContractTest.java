package io.rowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.LatencyGuard;
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

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rowsweep pause|resume|cancel --job NAME} on a run of another thread with a pool of its own, on each database. */
abstract class ControlCommandsContractTest {

    static final int ROWS = 20_000;

    TestSchema db;

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
        CountingJob.createTable(db, "orders", ROWS);
    }

    @AfterEach
    void dropSchema() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    private RunSummary runJob(String name, long sleepMillisPerChunk) {
        SettingValues settings = SettingValues.defaults().with(SweepSettings.WORKERS, 2).with(SweepSettings.JOB, name)
                .with(SweepSettings.INITIAL_CHUNK_ROWS, 500).with(SweepSettings.MAX_CHUNK_ROWS, 500)
                .with(SweepSettings.PAUSE_BETWEEN_CHUNKS, Duration.ofMillis(sleepMillisPerChunk))
                .with(SweepSettings.LATENCY_GUARD, LatencyGuard.OFF); // requests are under test, not pacing
        try (HikariDataSource pool = db.dataSource(4)) {
            return new SweepEngine(pool, settings, List.of(), Clock.systemUTC()).run(new CountingJob(List.of("orders"), 0, null));
        }
    }

    private boolean started(String job) {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + job + "' AND status = 'DONE'") > 0;
        } catch (IllegalStateException noTableYet) {
            return false;
        }
    }

    private String status(String job) {
        return db.queryString("SELECT status FROM rowsweep_job WHERE job_name = '" + job + "'");
    }

    @Test
    void pausesResumesAndCancelsARunningJob() throws Exception {
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> runJob("slow", 100));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!started("slow") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        Cli.Result paused = Cli.run("pause", "--url", db.url(), "--job", "slow");
        assertThat(paused.exitCode()).as(paused.toString()).isZero();
        assertThat(paused.out()).contains("Job 'slow' run 1: pause requested");
        while (!status("slow").equals("PAUSED") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(status("slow")).isEqualTo("PAUSED");
        assertThat(Cli.run("status", "--url", db.url(), "--job", "slow").out()).contains("paused");
        Cli.Result again = Cli.run("pause", "--url", db.url(), "--job", "slow");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).contains("Job 'slow' is paused already. Resume it with: rowsweep resume --job slow");

        Cli.Result resumed = Cli.run("resume", "--url", db.url(), "--job", "slow");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("resumed (status running)");
        Cli.Result cancelled = Cli.run("cancel", "--url", db.url(), "--job", "slow");
        assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();

        RunSummary summary = run.get(60, TimeUnit.SECONDS);
        assertThat(summary.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(summary.status().exitCode()).isEqualTo(130);
        assertThat(status("slow")).isEqualTo("CANCELLED");
        assertThat(db.queryString("SELECT last_request FROM rowsweep_run WHERE job_name = 'slow'")).isEqualTo("CANCEL");
        assertThat(db.queryString("SELECT status FROM rowsweep_run WHERE job_name = 'slow'")).isEqualTo("CANCELLED");
    }

    @Test
    void refusesRequestsThatDoNotApplyWithExitCode2() {
        Cli.Result none = Cli.run("pause", "--url", db.url(), "--job", "nightly");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("No job named 'nightly' to pause: there are no rowsweep jobs in this database yet");
        assertThat(runJob("nightly", 0).status()).isEqualTo(RunStatus.DONE);

        Cli.Result unknown = Cli.run("resume", "--url", db.url(), "--job", "weekly");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("No job named 'weekly' to resume in this database. Known jobs: nightly.");
        for (String command : List.of("pause", "resume", "cancel")) {
            Cli.Result r = Cli.run(command, "--url", db.url(), "--job", "nightly");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("Job 'nightly' is done, run 1").contains("its run is over, there is nothing to " + command);
        }
        Cli.Result noJob = Cli.run("cancel", "--url", db.url());
        assertThat(noJob.exitCode()).as(noJob.toString()).isEqualTo(2);
        assertThat(noJob.err()).contains("Name the job: --job NAME");
        assertThat(status("nightly")).isEqualTo("DONE");
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_run WHERE job_name = 'nightly' AND last_request IS NULL")).isEqualTo(1);
    }
}
