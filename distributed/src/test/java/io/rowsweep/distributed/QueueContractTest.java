package io.rowsweep.distributed;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.QueuedRun;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.update.Update;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Queueing an update for workers ({@link Update#queue}) and making sure it finished
 * ({@link Worker#ensureFinished}), on every database: queueing plans and runs nothing and lives
 * in the caller's transaction; queueing again is safe (resumes, or does nothing once done);
 * another spec under the name is refused; ensureFinished runs what is left exactly once, returns
 * at once when done, and fails clearly when the job failed or does not exist.
 */
abstract class QueueContractTest extends ProcessesTestBase {

    static final int ROWS = 5_000;

    @BeforeEach
    void createTable() {
        db.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, counter INT NOT NULL)",
                "INSERT INTO counters (id, counter) SELECT g.i, 0 FROM " + db.series(ROWS));
    }

    Update increment(String job) {
        return Update.of(pool(1)).table("counters").set("counter = counter + 1").job(job).heartbeatInterval(Duration.ofMillis(500))
                .initialChunkRows(500).minChunkRows(100).maxChunkRows(1000).latencyGuard(LatencyGuard.OFF);
    }

    /** Queues {@code update} on a connection of its own and commits (or rolls back). */
    QueuedRun queue(Update update, boolean commit) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            QueuedRun queued = update.queue(c);
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
            return queued;
        }
    }

    WorkerSummary ensureFinished(String job) {
        return Worker.join(pool(2)).job(job).workers(2).ensureFinished();
    }

    long incrementedOnce() {
        return db.queryLong("SELECT count(*) FROM counters WHERE counter = 1");
    }

    @Test
    void queueingRunsNothingAndEnsureFinishedRunsEveryChunkOnce() throws Exception {
        QueuedRun queued = queue(increment("q"), true);
        assertThat(queued).isEqualTo(new QueuedRun("q", 1, QueuedRun.State.QUEUED));
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 0")).isZero();
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'q'")).isEqualTo("RUNNING");

        assertThat(queue(increment("q"), true).state()).isEqualTo(QueuedRun.State.RESUMED);
        assertThat(ensureFinished("q").run().status()).isEqualTo(RunStatus.DONE);
        assertThat(incrementedOnce()).isEqualTo(ROWS);

        // Done: queueing again applies nothing, ensureFinished returns at once.
        assertThat(queue(increment("q"), true).state()).isEqualTo(QueuedRun.State.ALREADY_DONE);
        assertThat(ensureFinished("q").run().status()).isEqualTo(RunStatus.ALREADY_DONE);
        assertThat(incrementedOnce()).isEqualTo(ROWS);
    }

    /** PostgreSQL keeps no row estimate of a table never vacuumed or analysed: a run counts it, queueing must not. */
    @Test
    void queueingDoesNotCountATableWithoutStatistics() throws Exception {
        assumeTrue(kind() == DatabaseKind.POSTGRES);
        db.execute("ALTER TABLE counters SET (autovacuum_enabled = false)");
        assertThat(db.queryLong("SELECT reltuples::bigint FROM pg_class WHERE oid = 'counters'::regclass")).isEqualTo(-1);
        queue(increment("nocount"), true);
        assertThat(db.queryLong("SELECT estimated_rows FROM rowsweep_table WHERE job_name = 'nocount'")).isZero();
    }

    @Test
    void aWorkerRunsAQueuedJob() throws Exception {
        queue(increment("w"), true);
        WorkerSummary summary = Worker.join(pool(2)).job("w").workers(2).joinTimeout(Duration.ofSeconds(10)).run();
        assertThat(summary.run().status()).isEqualTo(RunStatus.DONE);
        assertThat(incrementedOnce()).isEqualTo(ROWS);
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'w'")).isEqualTo("DONE");
    }

    @Test
    void aRolledBackTransactionQueuedNothing() throws Exception {
        queue(increment("rb"), false);
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_job")).isZero();
        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> ensureFinished("rb"));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e).hasMessageContaining("There is no job named 'rb'");
    }

    @Test
    void anotherUpdateUnderTheNameIsRefused() throws Exception {
        queue(increment("spec"), true);
        RowSweepException e = catchThrowableOfType(RowSweepException.class,
                () -> queue(increment("spec").set("counter = counter + 2"), true));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e).hasMessageContaining("different spec");
    }

    @Test
    void aFailedJobFailsEnsureFinishedNamingItsError() throws Exception {
        queue(increment("bad").set("counter = counter / (id - id)"), true);
        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> ensureFinished("bad"));
        assertThat(e.code()).isEqualTo(ErrorCode.RUN_FAILED);
        assertThat(e).hasMessageContaining("Job 'bad'").hasMessageContaining("failed");
        // Again: the job is FAILED, so it says so at once.
        RowSweepException again = catchThrowableOfType(RowSweepException.class, () -> ensureFinished("bad"));
        assertThat(again.code()).isEqualTo(ErrorCode.RUN_FAILED);
        assertThat(again).hasMessageContaining("first failed chunk");
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 0")).isZero();
    }

    /** Queueing a failed job again queues its failed chunks again: without that, the run would end FAILED at once. */
    @Test
    void aFailedJobQueuedAgainRedoesItsFailedChunkOnce() throws Exception {
        Update update = Update.of(pool(1)).table("counters").fix(null, Fixes.FailOn777UntilAllowed.class.getName()).job("redo")
                .heartbeatInterval(Duration.ofMillis(500)).initialChunkRows(500).minChunkRows(100).maxChunkRows(1000)
                .latencyGuard(LatencyGuard.OFF);
        queue(update, true);
        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> ensureFinished("redo"));
        assertThat(e.code()).isEqualTo(ErrorCode.RUN_FAILED);
        assertThat(db.queryLong("SELECT counter FROM counters WHERE id = 777")).isZero();

        Fixes.FailOn777UntilAllowed.allowed = true;
        try {
            assertThat(queue(update, true).state()).isEqualTo(QueuedRun.State.RESUMED);
            assertThat(ensureFinished("redo").run().status()).isEqualTo(RunStatus.DONE);
        } finally {
            Fixes.FailOn777UntilAllowed.allowed = false;
        }
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 1")).as("rows not changed exactly once").isZero();
    }

    @Test
    @Timeout(120) // without the check, ensureFinished would wait for a resume that never comes
    void aPausedJobFailsEnsureFinishedAtOnceInsteadOfWaitingForAResume() throws Exception {
        queue(increment("held"), true);
        JobControl.of(pool(0)).pause("held");

        long started = System.nanoTime();
        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> ensureFinished("held"));
        assertThat(e.code()).isEqualTo(ErrorCode.RUN_FAILED);
        assertThat(e).hasMessageContaining("Job 'held' is paused").hasMessageContaining("rowsweep resume --job held");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 0")).as("rows changed while paused").isZero();

        JobControl.of(pool(0)).resume("held");
        assertThat(ensureFinished("held").run().status()).isEqualTo(RunStatus.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 1")).as("rows not changed exactly once").isZero();
    }

    @Test
    @Timeout(120)
    void aCancelledJobFailsEnsureFinishedAndQueueingItAgainFinishesItOnce() throws Exception {
        queue(increment("dropped"), true);
        JobControl.of(pool(0)).cancel("dropped");

        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> ensureFinished("dropped"));
        assertThat(e.code()).isEqualTo(ErrorCode.RUN_FAILED);
        assertThat(e).hasMessageContaining("Job 'dropped' is being cancelled");

        assertThat(queue(increment("dropped"), true).state()).isEqualTo(QueuedRun.State.RESUMED);
        assertThat(ensureFinished("dropped").run().status()).isEqualTo(RunStatus.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 1")).as("rows not changed exactly once").isZero();
    }

    @Test
    void whatCannotBeQueuedIsRefusedBeforeAnythingIsWritten() throws Exception {
        RowSweepException dry = catchThrowableOfType(RowSweepException.class, () -> queue(increment("dry").dryRun(true), true));
        assertThat(dry.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(dry).hasMessageContaining("A dry run cannot be queued");
        RowSweepException lambda = catchThrowableOfType(RowSweepException.class,
                () -> queue(Update.of(pool(1)).table("counters").fix(row -> row.set("counter", 1)).job("lambda"), true));
        assertThat(lambda).hasMessageContaining("cannot be shared with other processes");
        RowSweepException noName = catchThrowableOfType(RowSweepException.class, () -> Worker.join(pool(1)).ensureFinished());
        assertThat(noName.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 0")).isZero();
    }
}
