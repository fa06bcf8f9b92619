package io.rowsweep.core.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database restarts in the middle of a run (a PostgreSQL this test owns): workers wait with
 * back-off, reconnect and finish; or, past the retry deadline, the run stops with its state saved
 * and re-running the job finishes it. Every row is visited exactly once either way.
 */
class PostgresRestartTest {

    @TempDir
    Path dataDir;
    int port;
    EmbeddedPostgres pg;
    HikariDataSource pool;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        startPostgres();
        exec("CREATE TABLE counted (id BIGINT PRIMARY KEY, visits INT NOT NULL DEFAULT 0)",
                "INSERT INTO counted SELECT g, 0 FROM generate_series(1, 20000) g");
    }

    @AfterEach
    void stop() throws IOException {
        if (pool != null) {
            pool.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private void startPostgres() throws IOException {
        pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private void restartAfter(Duration down) throws Exception {
        pg.close();
        pg = null;
        Thread.sleep(down.toMillis());
        startPostgres();
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    private void exec(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    private long query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long doneChunks() {
        try {
            return query("SELECT count(*) FROM rowsweep_chunk WHERE status = 'DONE'");
        } catch (SQLException e) {
            return 0;
        }
    }

    private RunSummary run(Duration retryDeadline) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        if (pool != null) {
            pool.close();
        }
        pool = new HikariDataSource(config);
        SettingValues settings = SettingValues.defaults().with(SweepSettings.WORKERS, 3).with(SweepSettings.MAX_CHUNK_ROWS, 500)
                .with(SweepSettings.JOB, "restart-job").with(SweepSettings.RETRY_DEADLINE, retryDeadline);
        return new SweepEngine(pool, settings, List.of(), Clock.systemUTC()).run(new IncrementJob(List.of("counted"), 40));
    }

    private void awaitChunks(long n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (doneChunks() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(doneChunks()).isGreaterThanOrEqualTo(n);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void workersWaitForTheDatabaseToComeBackAndFinish() throws Exception {
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> run(Duration.ofSeconds(60)));
        awaitChunks(3);
        restartAfter(Duration.ofSeconds(3));
        RunSummary summary = running.get(2, TimeUnit.MINUTES);
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(query("SELECT count(*) FROM counted WHERE visits <> 1")).isZero();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void pastTheRetryDeadlineTheRunStopsAndResumesLater() throws Exception {
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> run(Duration.ofSeconds(2)));
        awaitChunks(3);
        pg.close();
        pg = null;
        Throwable outcome = null;
        RunSummary first = null;
        try {
            first = running.get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            outcome = e.getCause();
        }
        // Either the outcome could be recorded (FAILED) or it could not (the database is still down): no hang, no success.
        if (first != null) {
            assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        } else {
            assertThat(outcome).isInstanceOf(RowSweepException.class).hasMessageContaining("Re-run the job");
        }
        startPostgres();
        assertThat(query("SELECT count(*) FROM counted WHERE visits > 1")).isZero();
        RunSummary resumed = run(Duration.ofSeconds(60));
        assertThat(resumed.status()).isEqualTo(RunStatus.DONE);
        assertThat(resumed.resumed()).isTrue();
        assertThat(query("SELECT count(*) FROM counted WHERE visits <> 1")).isZero();
    }
}
