package io.rowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.cli.internal.run.Interrupts;
import io.rowsweep.cli.internal.run.RunningJob;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Ctrl-C during a run: a real SIGINT to this process stops the run gracefully, exit 130, and re-running finishes it exactly once. */
class RunningJobTest {

    static final int ROWS = 20_000;

    TestSchema db;

    @BeforeEach
    void createData() {
        db = TestDatabases.newSchema(DatabaseKind.H2);
        CountingJob.createTable(db, "items", ROWS);
    }

    @AfterEach
    void dropData() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    SettingValues settings() {
        return SettingValues.defaults().with(SweepSettings.WORKERS, 2).with(SweepSettings.JOB, "ctrl-c")
                .with(SweepSettings.INITIAL_CHUNK_ROWS, 500).with(SweepSettings.MIN_CHUNK_ROWS, 500).with(SweepSettings.MAX_CHUNK_ROWS, 500);
    }

    /** Sends SIGINT to this JVM once the third chunk is done, as Ctrl-C in a terminal would. */
    static final class CtrlCAfterThreeChunks implements ProgressListener {
        final AtomicInteger chunks = new AtomicInteger();

        @Override
        public void chunkFinished(ChunkEvent event) {
            if (chunks.incrementAndGet() == 3) {
                try {
                    // waiting for kill keeps this chunk's worker busy until the signal is sent, well before the run could end
                    new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void ctrlCStopsGracefullyAndTheRerunResumes() {
        try (Interrupts probe = Interrupts.install(() -> { })) {
            // without a handler, SIGINT would end the test JVM
            assumeTrue(probe.catchesSignals(), "this JVM does not let us catch SIGINT");
        }
        CountingJob job = new CountingJob(List.of("items"), 60, null);
        RunningJob.Outcome stopped;
        try (HikariDataSource pool = db.dataSource(3)) {
            SweepEngine engine = new SweepEngine(pool, settings(), List.of(new CtrlCAfterThreeChunks()), Clock.systemUTC());
            stopped = RunningJob.run(() -> engine.run(job), engine::requestStop);
        }
        assertThat(stopped.interrupted()).isTrue();
        assertThat(stopped.summary().status()).isEqualTo(RunStatus.STOPPED);
        assertThat(stopped.exitCode()).isEqualTo(130);
        assertThat(stopped.nextStep()).contains("Stopped on request", "job 'ctrl-c'", "Re-run the same command to resume");
        long visited = db.queryLong("SELECT count(*) FROM items WHERE visits = 1");
        assertThat(visited).isBetween(1L, ROWS - 1L);
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE visits > 1")).isZero();

        RunningJob.Outcome resumed;
        try (HikariDataSource pool = db.dataSource(3)) {
            SweepEngine engine = new SweepEngine(pool, settings(), List.of(), Clock.systemUTC());
            resumed = RunningJob.run(() -> engine.run(job), engine::requestStop);
        }
        assertThat(resumed.interrupted()).isFalse();
        assertThat(resumed.summary().status()).isEqualTo(RunStatus.DONE);
        assertThat(resumed.summary().resumed()).isTrue();
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.nextStep()).isNull();
        assertThat(db.queryLong("SELECT count(*) FROM items WHERE visits <> 1")).as("rows not processed exactly once").isZero();
    }
}
