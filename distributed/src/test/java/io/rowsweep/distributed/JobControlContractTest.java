package io.rowsweep.distributed;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.core.state.RunRecord;
import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.update.UpdateSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Pause, resume and cancel ({@link JobControl}) of a non-idempotent update ({@code n = n + 1})
 * run by other processes: a local run, and a distributed one (a starter that only plans and two
 * workers). While paused, no chunk is claimed or committed and no row changes; in the end every row
 * was updated exactly once, checked with SQL. On PostgreSQL and MariaDB the runs are child JVMs;
 * on H2 (in memory, one JVM) threads with pools of their own.
 */
abstract class JobControlContractTest {

    static final int ROWS = 200_000;
    static final String JOB = "controlled";
    /** How long a pause is watched for chunks claimed or rows changed. */
    static final long HOLD_MILLIS = 3_000;

    TestSchema db;
    private HikariDataSource pool;
    private final List<Proc> processes = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<HikariDataSource> pools = new ArrayList<>();

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
        db.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO counters (id, n) SELECT g.i, 0 FROM " + db.series(ROWS));
        pool = db.dataSource(4);
    }

    @AfterEach
    void dropSchema() throws InterruptedException {
        for (Proc p : processes) {
            p.kill();
        }
        threads.shutdownNow();
        threads.awaitTermination(60, TimeUnit.SECONDS);
        pools.forEach(HikariDataSource::close);
        if (pool != null) {
            pool.close();
        }
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    void aLocalRunOfAnotherProcessIsPausedResumedAndEveryRowIsUpdatedOnce() throws Exception {
        Proc run = startRun(false, 2);
        JobControl control = JobControl.of(pool);
        waitUntil(() -> doneChunks() >= 10, 120, "10 chunks done", run);

        assertUsage(() -> control.resume(JOB), "Job '" + JOB + "' is not paused");
        long requested = System.nanoTime();
        assertThat(control.pause(JOB).requested()).isEqualTo(ControlRequest.PAUSE);
        waitUntil(() -> status() == JobStatus.PAUSED, 60, "the pause to take effect", run);
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requested);
        assertNothingMovesWhilePaused(run);
        assertUsage(() -> control.pause(JOB), "is paused already");

        assertThat(control.resume(JOB).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(run.waitFor(180)).as("the run's exit code; output:\n%s", run.output()).isZero();

        assertEveryRowUpdatedOnce();
        RunRecord history = single(control.history(JOB));
        assertThat(history.status()).isEqualTo(JobStatus.DONE);
        assertThat(history.lastRequest()).isEqualTo("RESUME");
        assertThat(history.requestedBy()).startsWith(System.getProperty("user.name") + "@");
        assertThat(history.startedBy()).isEqualTo(System.getProperty("user.name"));
        assertThat(history.startedHost()).isNotBlank();
        assertThat(history.settings()).contains("\"job\":\"" + JOB + "\"");
        assertThat(history.spec()).contains("n = n + 1");
        assertThat(history.rows()).isEqualTo(ROWS);
        assertThat(history.chunksDone()).isEqualTo(doneChunks());
        assertThat(history.finishedAt()).isNotNull();
        System.out.printf("%s local: pause took effect %d ms after the request%n", kind(), latency);
    }

    @Test
    void aDistributedRunIsPausedOnAllItsProcessesResumedThenCancelledAndItsRerunAppliesNoChunkTwice() throws Exception {
        Proc starter = startRun(true, 0);
        Proc w1 = startWorker();
        Proc w2 = startWorker();
        JobControl control = JobControl.of(pool);
        waitUntil(() -> doneChunks() >= 10, 120, "10 chunks done", starter, w1, w2);

        long requested = System.nanoTime();
        control.pause(JOB);
        waitUntil(() -> status() == JobStatus.PAUSED, 60, "the pause to take effect", starter, w1, w2);
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requested);
        assertNothingMovesWhilePaused(starter, w1, w2);

        control.resume(JOB);
        long resumedAt = doneChunks();
        waitUntil(() -> doneChunks() >= resumedAt + 10, 60, "10 more chunks after the resume", starter, w1, w2);
        assertThat(control.cancel(JOB).requested()).isEqualTo(ControlRequest.CANCEL);
        for (Proc p : List.of(starter, w1, w2)) {
            assertThat(p.waitFor(60)).as("exit code of a cancelled run's process; output:\n%s", p.output())
                    .isEqualTo(RunStatus.CANCELLED.exitCode());
        }
        assertThat(status()).isEqualTo(JobStatus.CANCELLED);
        RunRecord cancelled = single(control.history(JOB));
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.lastRequest()).isEqualTo("CANCEL");
        assertThat(cancelled.finishedAt()).isNotNull();
        long doneAtCancel = doneChunks();
        assertThat(cancelled.chunksDone()).isEqualTo(doneAtCancel);
        assertThat(doneAtCancel * 1_000).isLessThan(ROWS);
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE n = 1")).as("rows of the done chunks")
                .isEqualTo(db.queryLong("SELECT sum(rows_read) FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND status = 'DONE'"));
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE n > 1")).isZero();
        assertUsage(() -> control.cancel(JOB), "cancelled");
        assertUsage(() -> control.pause(JOB), "cancelled");

        // Started again, a cancelled run resumes where it stopped: no chunk is applied twice.
        UpdateSummary again = ControlledUpdateMain.run(pool, JOB, false, 3);
        assertThat(again.status()).isEqualTo(RunStatus.DONE);
        assertThat(again.run().resumed()).isTrue();
        assertEveryRowUpdatedOnce();
        assertThat(single(control.history(JOB)).status()).isEqualTo(JobStatus.DONE);
        System.out.printf("%s distributed: pause took effect %d ms after the request; cancelled after %d chunks%n", kind(), latency,
                doneAtCancel);
    }

    @Test
    void requestsThatDoNotApplyAreRefusedAndWriteNothing() throws Exception {
        JobControl control = JobControl.of(pool);
        assertUsage(() -> control.pause(JOB), "No job named '" + JOB + "' to pause");
        try (HikariDataSource small = db.dataSource(6)) {
            db.execute("DELETE FROM counters WHERE id > 5000");
            assertThat(ControlledUpdateMain.run(small, JOB, false, 2).status()).isEqualTo(RunStatus.DONE);
        }
        String before = stateSnapshot();
        assertUsage(() -> control.pause("no-such-job"), "No job named 'no-such-job' to pause");
        assertUsage(() -> control.pause("no-such-job"), "Known jobs: " + JOB);
        assertUsage(() -> control.pause(JOB), "Job '" + JOB + "' is done");
        assertUsage(() -> control.resume(JOB), "there is nothing to resume");
        assertUsage(() -> control.cancel(JOB), "Job '" + JOB + "' is done");
        assertUsage(() -> control.cancel(" "), "Name the job");
        assertThat(stateSnapshot()).as("the job state after refused requests").isEqualTo(before);
        try (Connection c = db.connect()) {
            JobStateReader reader = JobStateReader.of(c, null);
            assertThat(reader.history(JOB)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(JobStatus.DONE);
                assertThat(r.lastRequest()).isNull();
            });
            assertThat(reader.runs()).hasSize(1);
        }
    }

    @Test
    void stateTablesOfAnEarlierVersionGainTheRequestColumnAndTheHistory() throws Exception {
        // rowsweep_job, rowsweep_table and rowsweep_chunk as the version before this one created them
        db.execute("CREATE TABLE rowsweep_job (job_name VARCHAR(200) NOT NULL, kind VARCHAR(32) NOT NULL, spec_hash VARCHAR(64)"
                        + " NOT NULL, spec TEXT NOT NULL, run_no INT NOT NULL, status VARCHAR(16) NOT NULL, owner VARCHAR(200),"
                        + " started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, finished_at BIGINT, throttle VARCHAR(200),"
                        + " PRIMARY KEY (job_name))",
                "CREATE TABLE rowsweep_table (job_name VARCHAR(200) NOT NULL, table_name VARCHAR(255) NOT NULL, table_order INT NOT NULL,"
                        + " estimated_rows BIGINT NOT NULL, next_chunk INT NOT NULL, frontier TEXT, exhausted SMALLINT NOT NULL,"
                        + " table_ref VARCHAR(600), table_identity VARCHAR(100), writes SMALLINT, PRIMARY KEY (job_name, table_name))",
                "CREATE TABLE rowsweep_chunk (job_name VARCHAR(200) NOT NULL, table_name VARCHAR(255) NOT NULL, chunk_no INT NOT NULL,"
                        + " lo TEXT, hi TEXT, status VARCHAR(16) NOT NULL, attempts INT NOT NULL, worker VARCHAR(200),"
                        + " rows_read BIGINT NOT NULL, rows_affected BIGINT NOT NULL, problems BIGINT NOT NULL,"
                        + " started_at BIGINT, finished_at BIGINT, error_message TEXT, sink_position BIGINT NOT NULL,"
                        + " PRIMARY KEY (job_name, table_name, chunk_no))",
                "INSERT INTO rowsweep_job VALUES ('old', 'update', 'h', '{}', 1, 'DONE', 'host:1', 1, 2, 2, NULL)");
        JobControl control = JobControl.of(pool);
        assertUsage(() -> control.cancel("old"), "Job 'old' is done");
        assertThat(control.history("old")).isEmpty();
        assertThat(control.job("old")).get().satisfies(j -> assertThat(j.requested()).isNull());

        db.execute("DELETE FROM counters WHERE id > 3000");
        assertThat(ControlledUpdateMain.run(pool, JOB, false, 1).status()).isEqualTo(RunStatus.DONE);
        assertEveryRowUpdatedOnce();
        assertThat(single(control.history(JOB)).status()).isEqualTo(JobStatus.DONE);
    }

    // ------------------------------------------------------------------ helpers

    /** While paused for {@link #HOLD_MILLIS}: no chunk claimed, running or committed, no row changed, every process alive. */
    private void assertNothingMovesWhilePaused(Proc... runs) throws Exception {
        long done = doneChunks();
        long changed = db.queryLong("SELECT sum(n) FROM counters");
        long deadline = System.currentTimeMillis() + HOLD_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            assertThat(status()).isEqualTo(JobStatus.PAUSED);
            assertThat(doneChunks()).as("chunks done while paused").isEqualTo(done);
            assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND status = 'RUNNING'"
                    + " AND worker <> '(queued)'")).as("chunks claimed while paused").isZero();
            assertThat(db.queryLong("SELECT sum(n) FROM counters")).as("rows changed while paused").isEqualTo(changed);
            Thread.sleep(100);
        }
        for (Proc p : runs) {
            assertThat(p.alive()).as("a paused process waits; output:\n%s", p.output()).isTrue();
        }
        assertThat(changed).isEqualTo(db.queryLong("SELECT sum(rows_read) FROM rowsweep_chunk WHERE job_name = '" + JOB
                + "' AND status = 'DONE'"));
    }

    private void assertEveryRowUpdatedOnce() {
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE n <> 1")).as("rows not updated exactly once").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND status <> 'DONE'")).isZero();
    }

    private static RunRecord single(List<RunRecord> runs) {
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    private static void assertUsage(Runnable request, String message) {
        assertThatThrownBy(request::run).isInstanceOf(RowSweepException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((RowSweepException) e).code()).isEqualTo(ErrorCode.USAGE));
    }

    private long doneChunks() {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + JOB + "' AND status = 'DONE'");
        } catch (IllegalStateException noTableYet) {
            return 0;
        }
    }

    private JobStatus status() {
        return JobStatus.valueOf(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = '" + JOB + "'"));
    }

    /** Every row of the job and history tables, as text. */
    private String stateSnapshot() throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("rowsweep_job", "rowsweep_run")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY job_name")) {
                    ResultSetMetaData m = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= m.getColumnCount(); i++) {
                            b.append(m.getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                        }
                        b.append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    private void waitUntil(BooleanSupplier condition, long seconds, String what, Proc... runs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder out = new StringBuilder();
                for (Proc p : runs) {
                    out.append("--- ").append(p.alive() ? "alive" : "ended").append('\n').append(p.output());
                }
                fail("waited " + seconds + " s for " + what + "; the processes:\n" + out);
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ processes

    /** A process of a run: a child JVM, or on H2 (in memory) a thread with a pool of its own. */
    private interface Proc {
        boolean alive();

        int waitFor(long seconds) throws Exception;

        String output();

        void kill() throws InterruptedException;
    }

    private boolean childJvms() {
        return kind() != DatabaseKind.H2;
    }

    private Proc startRun(boolean distributed, int workers) throws Exception {
        if (childJvms()) {
            return child(ChildJvm.start(ControlledUpdateMain.class, List.of("-Xmx192m"), db.url(), JOB, Boolean.toString(distributed),
                    Integer.toString(workers)));
        }
        HikariDataSource own = db.dataSource(workers + 3);
        pools.add(own);
        return thread(() -> ControlledUpdateMain.run(own, JOB, distributed, workers).exitCode());
    }

    private Proc startWorker() throws Exception {
        if (childJvms()) {
            return child(ChildJvm.start(WorkerMain.class, List.of("-Xmx192m"), db.url(), JOB, "1"));
        }
        HikariDataSource own = db.dataSource(4);
        pools.add(own);
        return thread(() -> Worker.join(own).job(JOB).workers(1).run().exitCode());
    }

    private Proc child(ChildJvm jvm) {
        Proc p = new Proc() {
            @Override
            public boolean alive() {
                return jvm.process().isAlive();
            }

            @Override
            public int waitFor(long seconds) throws InterruptedException {
                return jvm.waitFor(seconds);
            }

            @Override
            public String output() {
                return jvm.output();
            }

            @Override
            public void kill() throws InterruptedException {
                jvm.kill9();
                jvm.cleanUp();
            }
        };
        processes.add(p);
        return p;
    }

    private Proc thread(Callable<Integer> run) {
        Future<Integer> f = threads.submit(run);
        Proc p = new Proc() {
            @Override
            public boolean alive() {
                return !f.isDone();
            }

            @Override
            public int waitFor(long seconds) throws Exception {
                return f.get(seconds, TimeUnit.SECONDS);
            }

            @Override
            public String output() {
                return "(a thread of this JVM: see the test's log)";
            }

            @Override
            public void kill() {
                f.cancel(true);
            }
        };
        processes.add(p);
        return p;
    }
}
