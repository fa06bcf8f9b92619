package io.rowsweep.core.engine;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ChunkStart;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.OnError;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the engine promises, on every database: each row visited exactly once whatever the key,
 * evenly sized chunks on sparse keys, resumable runs, clear errors. Every check is made with SQL
 * against the data, not against the engine's own bookkeeping.
 */
abstract class EngineContractTest {

    static final int ROWS = 20_000;

    TestSchema db;
    private final List<HikariDataSource> pools = new ArrayList<>();

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
    }

    @AfterEach
    void dropSchema() {
        pools.forEach(HikariDataSource::close);
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    boolean isPostgres() {
        return kind() == DatabaseKind.POSTGRES;
    }

    boolean isH2() {
        return kind() == DatabaseKind.H2;
    }

    String uuidType() {
        return isPostgres() || isH2() ? "UUID" : "UUID";
    }

    String randomUuid() {
        switch (kind()) {
            case POSTGRES:
                return "gen_random_uuid()";
            case H2:
                return "RANDOM_UUID()";
            default:
                return "UUID()";
        }
    }

    SettingValues settings(int workers) {
        return SettingValues.defaults()
                .with(SweepSettings.WORKERS, workers)
                .with(SweepSettings.INITIAL_CHUNK_ROWS, 500)
                .with(SweepSettings.MIN_CHUNK_ROWS, 100)
                .with(SweepSettings.MAX_CHUNK_ROWS, 2_000)
                .with(SweepSettings.RETRY_DEADLINE, java.time.Duration.ofSeconds(30));
    }

    SweepEngine engine(SettingValues settings, ProgressListener... listeners) {
        HikariDataSource pool = db.dataSource(settings.get(SweepSettings.WORKERS) + 1);
        pools.add(pool);
        return new SweepEngine(pool, settings, List.of(listeners), Clock.systemUTC());
    }

    RunSummary run(SweepJob<?> job, SettingValues settings) {
        return engine(settings).run(job);
    }

    void createCounted(String table, String keyDdl, String keyExpr, long rows) {
        db.execute("CREATE TABLE " + table + " (" + keyDdl + ", payload VARCHAR(40), visits INT NOT NULL DEFAULT 0)");
        if (rows > 0) {
            String cols = keyDdl.contains("PRIMARY KEY (") ? keyExpr : keyExpr;
            db.execute("INSERT INTO " + table + " SELECT " + cols + ", CONCAT('row ', g.i), 0 FROM " + db.series(rows));
        }
    }

    void assertVisitedOnce(String table) {
        long total = db.queryLong("SELECT count(*) FROM " + table);
        assertThat(db.queryLong("SELECT count(*) FROM " + table + " WHERE visits <> 1"))
                .as("rows of %s (of %d) not visited exactly once", table, total).isZero();
    }

    @Test
    void visitsEveryRowOfADenseTableExactlyOnce() {
        createCounted("dense", "id BIGINT PRIMARY KEY", "g.i", ROWS);
        RunSummary summary = run(new IncrementJob("dense"), settings(4));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("dense");
        assertThat(summary.rows()).isEqualTo(ROWS);
        assertThat(summary.tables().get(0).chunks()).isGreaterThan(5);
    }

    @Test
    void eachChunkIsReportedStartedThenFinishedOnItsWorkerThread() {
        createCounted("announced", "id BIGINT PRIMARY KEY", "g.i", ROWS);
        Map<String, String> startedOn = new ConcurrentHashMap<>();
        List<String> finishedUnstarted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger finished = new AtomicInteger();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void chunkStarted(ChunkStart s) {
                startedOn.put(s.table() + s.chunk(), Thread.currentThread().getName());
            }

            @Override
            public void chunkFinished(ChunkEvent e) {
                finished.incrementAndGet();
                if (!Thread.currentThread().getName().equals(startedOn.get(e.table() + e.chunk()))) {
                    finishedUnstarted.add(e.table() + e.range());
                }
            }
        };
        RunSummary summary = engine(settings(3), listener).run(new IncrementJob("announced"));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(finishedUnstarted).as("chunks finished without a start on their thread").isEmpty();
        assertThat(startedOn).hasSize(finished.get());
        assertThat((long) finished.get()).isEqualTo(summary.tables().get(0).chunks());
    }

    @Test
    void sparseKeysStillGiveEvenlySizedChunks() {
        createCounted("sparse", "id BIGINT PRIMARY KEY", "g.i * g.i", ROWS);
        db.execute("DELETE FROM sparse WHERE id BETWEEN 1000000 AND 90000000");
        long remaining = db.queryLong("SELECT count(*) FROM sparse");
        SettingValues fixed = settings(3).with(SweepSettings.INITIAL_CHUNK_ROWS, 1000).with(SweepSettings.MIN_CHUNK_ROWS, 1000)
                .with(SweepSettings.MAX_CHUNK_ROWS, 1000).with(SweepSettings.JOB, "sparse-job");
        RunSummary summary = run(new IncrementJob("sparse"), fixed);
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("sparse");
        // Every chunk but the open-ended last one holds exactly the requested rows, however large the gaps.
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'sparse-job' AND hi IS NOT NULL AND rows_read <> 1000"))
                .isZero();
        assertThat(db.queryLong("SELECT max(rows_read) FROM rowsweep_chunk WHERE job_name = 'sparse-job' AND hi IS NULL")).isLessThanOrEqualTo(1000);
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'sparse-job'")).isEqualTo((remaining + 999) / 1000 + (remaining % 1000 == 0 ? 1 : 0));
    }

    @Test
    void compositeKeys() {
        db.execute("CREATE TABLE composite (a INT NOT NULL, b VARCHAR(20) NOT NULL, visits INT NOT NULL DEFAULT 0, PRIMARY KEY (a, b))");
        db.execute("INSERT INTO composite SELECT MOD(g.i, 17), CONCAT('k', g.i), 0 FROM " + db.series(ROWS));
        assertThat(run(new IncrementJob("composite"), settings(4)).status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("composite");
    }

    @Test
    void stringAndUuidKeys() {
        db.execute("CREATE TABLE strkey (id VARCHAR(40) PRIMARY KEY, visits INT NOT NULL DEFAULT 0)");
        db.execute("INSERT INTO strkey SELECT CONCAT('key-', g.i), 0 FROM " + db.series(ROWS));
        db.execute("CREATE TABLE uuidkey (id " + uuidType() + " PRIMARY KEY, visits INT NOT NULL DEFAULT 0)");
        db.execute("INSERT INTO uuidkey SELECT " + randomUuid() + ", 0 FROM " + db.series(ROWS));
        RunSummary summary = run(new IncrementJob("strkey", "uuidkey"), settings(4));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("strkey");
        assertVisitedOnce("uuidkey");
    }

    @Test
    void emptyAndOneRowTables() {
        createCounted("empty_t", "id INT PRIMARY KEY", "g.i", 0);
        createCounted("one_t", "id INT PRIMARY KEY", "g.i", 1);
        RunSummary summary = run(new IncrementJob("empty_t", "one_t"), settings(2));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("one_t");
        assertThat(summary.rows()).isEqualTo(1);
    }

    @Test
    void tableWithOnlyAUniqueNotNullIndexIsSplitByIt() {
        db.execute("CREATE TABLE by_index (code VARCHAR(30) NOT NULL, maybe INT, visits INT NOT NULL DEFAULT 0)");
        db.execute("CREATE UNIQUE INDEX by_index_maybe ON by_index (maybe)");
        db.execute("CREATE UNIQUE INDEX by_index_code ON by_index (code)");
        db.execute("INSERT INTO by_index SELECT CONCAT('c', g.i), g.i, 0 FROM " + db.series(5000));
        RunSummary summary = run(new IncrementJob("by_index"), settings(2));
        assertVisitedOnce("by_index");
        assertThat(summary.tables().get(0).key()).isEqualToIgnoringCase("unique not-null index (code)");
    }

    @Test
    void tableWithoutAnyKeyIsSplitByPhysicalLocationOnPostgresAndRefusedElsewhere() {
        db.execute("CREATE TABLE seen (tbl VARCHAR(40) NOT NULL, k VARCHAR(200) NOT NULL)");
        db.execute("CREATE TABLE heap_only (title VARCHAR(60), body VARCHAR(60))");
        db.execute("INSERT INTO heap_only SELECT CONCAT('t', g.i), CONCAT('b', g.i) FROM " + db.series(ROWS));
        if (isPostgres()) {
            RunSummary summary = run(new StreamKeysJob(List.of("heap_only"), true), settings(3));
            assertThat(summary.status()).isEqualTo(RunStatus.DONE);
            assertThat(summary.tables().get(0).key()).isEqualTo("row locator (ctid)");
            assertThat(summary.tables().get(0).chunks()).isGreaterThan(3);
            assertThat(db.queryLong("SELECT count(DISTINCT k) FROM seen")).isEqualTo(ROWS);
            assertThat(db.queryLong("SELECT count(*) FROM seen")).isEqualTo(ROWS);
        } else {
            RowSweepException e = catchThrowableOfType(RowSweepException.class,
                    () -> run(new StreamKeysJob(List.of("heap_only"), true), settings(1)));
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo("Table 'heap_only' has no primary key and no unique index on NOT NULL columns,"
                    + " so it cannot be split into key ranges. Add a primary key, or a unique index on NOT NULL columns.");
        }
    }

    @Test
    void workersAreNamedAfterTheirChunkAndReportProgress() {
        createCounted("named", "id INT PRIMARY KEY", "g.i", 5000);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        List<io.rowsweep.core.Progress> snapshots = Collections.synchronizedList(new ArrayList<>());
        SweepJob<Void> job = new DelegatingJob(new IncrementJob(List.of("named"), 80)) {
            @Override
            public List<SweepTask<Void>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
                SweepTask<Void> t = super.prepare(table, connection, dialect).get(0);
                return List.of(new SweepTask<>(t.name(), t.table(), t.chunkKey(), t.estimatedRows(), () -> {
                    var inner = t.processors().get();
                    return ctx -> {
                        threadNames.add(Thread.currentThread().getName());
                        return inner.process(ctx);
                    };
                }, true));
            }
        };
        RunSummary summary = engine(settings(2).with(SweepSettings.MAX_CHUNK_ROWS, 250), new ProgressListener() {
            @Override
            public void progress(io.rowsweep.core.Progress p) {
                snapshots.add(p);
            }

            @Override
            public void finished(io.rowsweep.core.Progress p, RunSummary s) {
                snapshots.add(p);
            }
        }).run(job);
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(threadNames).anyMatch(n -> n.matches("rowsweep-[12] named\\[start\\.\\.\\d+\\]"))
                .anyMatch(n -> n.matches("rowsweep-[12] named\\(\\d+\\.\\.(\\d+\\]|end\\))"));
        io.rowsweep.core.Progress last = snapshots.get(snapshots.size() - 1);
        assertThat(last.rowsDone()).isEqualTo(5000);
        assertThat(last.tables().get(0).finished()).isTrue();
        assertThat(last.workers()).hasSize(2).allMatch(w -> w.state() == io.rowsweep.core.WorkerStatus.State.DONE);
        assertThat(snapshots).anyMatch(p -> p.workers().stream().anyMatch(w -> w.state() == io.rowsweep.core.WorkerStatus.State.WORKING
                && w.chunk().startsWith("named")));
    }

    @Test
    void streamsEveryRowOnceAcrossManyTablesLargestFirst() {
        db.execute("CREATE TABLE seen (tbl VARCHAR(40) NOT NULL, k VARCHAR(200) NOT NULL)");
        createCounted("big", "id INT PRIMARY KEY", "g.i", ROWS);
        createCounted("small", "id INT PRIMARY KEY", "g.i", 300);
        db.execute("CREATE TABLE comp2 (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b))");
        db.execute("INSERT INTO comp2 SELECT MOD(g.i, 5), g.i FROM " + db.series(3000));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ProgressListener firstChunks = new ProgressListener() {
            @Override
            public void chunkFinished(ChunkEvent e) {
                order.add(e.table());
            }
        };
        RunSummary summary = engine(settings(1), firstChunks).run(new StreamKeysJob(List.of("small", "comp2", "big"), true));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        for (String t : List.of("big", "small", "comp2")) {
            assertThat(db.queryLong("SELECT count(*) FROM seen WHERE tbl = '" + t + "'")).isEqualTo(db.queryLong("SELECT count(*) FROM " + t));
            assertThat(db.queryLong("SELECT count(DISTINCT k) FROM seen WHERE tbl = '" + t + "'")).isEqualTo(db.queryLong("SELECT count(*) FROM " + t));
        }
        assertThat(order.get(0)).as("largest table first").isEqualTo("big");
    }

    @Test
    void rowsInsertedUpdatedAndDeletedDuringTheRunDoNotBreakIt() throws Exception {
        createCounted("live", "id BIGINT PRIMARY KEY", "g.i * 2", ROWS);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger inserted = new AtomicInteger();
        Thread writer = new Thread(() -> {
            long next = 10L * ROWS;
            try (Connection c = db.connect(); var s = c.createStatement()) {
                int i = 0;
                while (running.get()) {
                    i++;
                    s.executeUpdate("INSERT INTO live (id, payload, visits) VALUES (" + (next++) + ", 'tail', 0)");
                    s.executeUpdate("INSERT INTO live (id, payload, visits) VALUES (" + (2L * (i % ROWS) + 1) + ", 'gap', 0)");
                    s.executeUpdate("UPDATE live SET payload = 'touched' WHERE id = " + (4L * (i % (ROWS / 2)) + 2));
                    inserted.addAndGet(2);
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        SettingValues slow = settings(3).with(SweepSettings.MAX_CHUNK_ROWS, 500);
        RunSummary summary;
        try {
            summary = run(new IncrementJob(List.of("live"), 15), slow);
        } finally {
            running.set(false);
            writer.join();
        }
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(inserted.get()).isPositive();
        // Rows present from start to end (even ids up to 2*ROWS) were each visited once; no row twice.
        assertThat(db.queryLong("SELECT count(*) FROM live WHERE MOD(id, 2) = 0 AND id <= " + (2L * ROWS) + " AND visits <> 1")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM live WHERE visits > 1")).isZero();
    }

    @Test
    void stoppedRunResumesWithoutRedoingDoneChunks() throws Exception {
        createCounted("resumable", "id BIGINT PRIMARY KEY", "g.i", ROWS);
        SettingValues s = settings(2).with(SweepSettings.JOB, "resume-me").with(SweepSettings.MAX_CHUNK_ROWS, 500);
        SweepEngine first = engine(s);
        CountDownLatch someDone = new CountDownLatch(5);
        SweepEngine[] holder = {first};
        SweepEngine withListener = engine(s, new ProgressListener() {
            @Override
            public void chunkFinished(ChunkEvent e) {
                someDone.countDown();
                if (someDone.getCount() == 0) {
                    holder[0].requestStop();
                }
            }
        });
        holder[0] = withListener;
        RunSummary stopped = withListener.run(new IncrementJob(List.of("resumable"), 20));
        assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
        long visited = db.queryLong("SELECT count(*) FROM resumable WHERE visits = 1");
        assertThat(visited).isBetween(1L, ROWS - 1L);
        assertThat(db.queryLong("SELECT count(*) FROM resumable WHERE visits > 1")).isZero();

        RunSummary resumed = run(new IncrementJob(List.of("resumable"), 0), s);
        assertThat(resumed.status()).isEqualTo(RunStatus.DONE);
        assertThat(resumed.resumed()).isTrue();
        assertVisitedOnce("resumable");
        assertThat(resumed.rows()).isEqualTo(ROWS);

        // Completed under an explicit name, a non-repeatable job is not applied again.
        RunSummary again = run(new IncrementJob(List.of("resumable"), 0), s);
        assertThat(again.status()).isEqualTo(RunStatus.ALREADY_DONE);
        assertVisitedOnce("resumable");
        assertThat(first).isNotNull();
    }

    @Test
    void sameJobNameWithAnotherSpecIsRefusedWhileUnfinished() {
        createCounted("spec_a", "id INT PRIMARY KEY", "g.i", 2000);
        createCounted("spec_b", "id INT PRIMARY KEY", "g.i", 10);
        SettingValues s = settings(1).with(SweepSettings.JOB, "spec-job").with(SweepSettings.MAX_CHUNK_ROWS, 100);
        SweepEngine e = engine(s, new ProgressListener() {
        });
        SweepEngine[] holder = {e};
        SweepEngine stopping = engine(s, new ProgressListener() {
            @Override
            public void chunkFinished(ChunkEvent ev) {
                holder[0].requestStop();
            }
        });
        holder[0] = stopping;
        assertThat(stopping.run(new IncrementJob("spec_a")).status()).isEqualTo(RunStatus.STOPPED);
        assertThatThrownBy(() -> run(new IncrementJob("spec_b"), s))
                .isInstanceOf(RowSweepException.class)
                .hasMessageContaining("Job 'spec-job' has unfinished progress made with a different spec")
                .hasMessageContaining("--restart")
                .extracting(ex -> ((RowSweepException) ex).code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(db.queryLong("SELECT count(*) FROM spec_b WHERE visits <> 0")).isZero();
        // --restart discards the old progress and runs the new spec.
        assertThat(run(new IncrementJob("spec_b"), s.with(SweepSettings.RESTART, true)).status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("spec_b");
    }

    @Test
    void unknownTableIsAClearConfigurationErrorAndWritesNothing() {
        createCounted("posts", "id INT PRIMARY KEY", "g.i", 10);
        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> run(new IncrementJob("postz"), settings(1)));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("Table 'postz' does not exist").containsIgnoringCase("did you mean 'posts'?");
        assertThat(db.queryString("SELECT count(*) FROM posts WHERE visits > 0")).isEqualTo("0");
        assertThatThrownBy(() -> db.queryLong("SELECT count(*) FROM rowsweep_job")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tableNamesWithQuotesAndSemicolonsAreQuotedSafely() {
        String odd = "we\"ird; DROP TABLE x";
        Dialect quoteHelper = null;
        String quoted = isMysqlLike() ? "`" + odd + "`" : "\"" + odd.replace("\"", "\"\"") + "\"";
        db.execute("CREATE TABLE " + quoted + " (id INT PRIMARY KEY, visits INT NOT NULL DEFAULT 0)");
        db.execute("INSERT INTO " + quoted + " SELECT g.i, 0 FROM " + db.series(100));
        String label = isMysqlLike() ? "`" + odd + "`" : "\"" + odd.replace("\"", "\"\"") + "\"";
        assertThat(run(new IncrementJob(label), settings(1)).status()).isEqualTo(RunStatus.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM " + quoted + " WHERE visits = 1")).isEqualTo(100);
        assertThat(quoteHelper).isNull();
    }

    boolean isMysqlLike() {
        return db.isMysqlFamily();
    }

    @Test
    void transientErrorsRetryTheChunkAndItsWorkCountsOnce() {
        createCounted("flaky", "id INT PRIMARY KEY", "g.i", 5000);
        Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
        SweepJob<Void> job = new DelegatingJob(new IncrementJob("flaky")) {
            @Override
            public List<SweepTask<Void>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
                SweepTask<Void> t = super.prepare(table, connection, dialect).get(0);
                return List.of(new SweepTask<>(t.name(), t.table(), t.chunkKey(), t.estimatedRows(), () -> {
                    var inner = t.processors().get();
                    return ctx -> {
                        ChunkOutcome<Void> o = inner.process(ctx); // the update ran, then the "deadlock" rolls it back
                        if (ctx.chunk().number() % 3 == 0 && failedOnce.add(ctx.chunk().number())) {
                            throw new SQLTransactionRollbackException("simulated deadlock", "40001");
                        }
                        return o;
                    };
                }, true));
            }
        };
        RunSummary summary = run(job, settings(2));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(failedOnce).isNotEmpty();
        assertVisitedOnce("flaky");
    }

    @Test
    void permanentErrorsFailTheChunkWithItsMessage() {
        createCounted("broken", "id INT PRIMARY KEY", "g.i", 5000);
        SweepJob<Void> job = new DelegatingJob(new IncrementJob("broken")) {
            @Override
            public List<SweepTask<Void>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
                SweepTask<Void> t = super.prepare(table, connection, dialect).get(0);
                return List.of(new SweepTask<>(t.name(), t.table(), t.chunkKey(), t.estimatedRows(), () -> {
                    var inner = t.processors().get();
                    return ctx -> {
                        ChunkOutcome<Void> o = inner.process(ctx);
                        if (ctx.chunk().number() == 2) {
                            throw new IllegalArgumentException("row 777: fee must not be negative");
                        }
                        return o;
                    };
                }, true));
            }
        };
        RunSummary skipped = run(job, settings(2).with(SweepSettings.ON_ERROR, OnError.SKIP_CHUNK).with(SweepSettings.JOB, "broken-job"));
        assertThat(skipped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(skipped.failures()).hasSize(1);
        assertThat(skipped.failures().get(0).error()).contains("row 777: fee must not be negative");
        // The failed chunk's update rolled back; every other row was visited once.
        long failedRows = db.queryLong("SELECT count(*) FROM broken WHERE visits = 0");
        assertThat(failedRows).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM broken WHERE visits > 1")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM broken WHERE visits = 1")).isEqualTo(5000 - failedRows);
        // Re-running the job retries the failed chunk (here with the bug fixed).
        RunSummary retried = run(new IncrementJob("broken"), settings(2).with(SweepSettings.JOB, "broken-job"));
        assertThat(retried.status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("broken");
    }

    /**
     * The no-wait a set-based UPDATE chunk runs under: a statement meeting another transaction's row
     * lock fails at once, as a lock conflict, not after the lock timeout; the lock timeout, set again,
     * makes it wait again (the chunk's checkpoint waits as usual).
     */
    @Test
    void underNoLockWaitAStatementMeetingALockedRowFailsAtOnceAsALockConflictUntilTheLockTimeoutIsSetAgain() throws Exception {
        createCounted("counted", "id INT PRIMARY KEY", "g.i", 10);
        String update = "UPDATE counted SET visits = visits + 1 WHERE id BETWEEN 1 AND 10";
        try (Connection holder = db.connect(); Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            holder.setAutoCommit(false);
            c.setAutoCommit(false);
            try (java.sql.Statement h = holder.createStatement()) {
                h.executeUpdate("UPDATE counted SET visits = 7 WHERE id = 5");
            }
            Dialect dialect = io.rowsweep.core.internal.dialect.Dialects.detect(c);
            dialect.applyLockTimeout(c, java.time.Duration.ofSeconds(5));
            assertThat(dialect.applyNoLockWait(c)).as("the database can keep a lock wait short").isTrue();
            long t0 = System.nanoTime();
            SQLException conflict = catchThrowableOfType(SQLException.class, () -> s.executeUpdate(update));
            long noWaitMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat((Throwable) conflict).as("the UPDATE under no-wait").isNotNull();
            assertThat(dialect.isLockConflict(conflict)).as(conflict.toString()).isTrue();
            assertThat(noWaitMillis).as("ms before the UPDATE failed, the lock timeout being 5 s").isLessThan(500);
            c.rollback();

            dialect.applyLockTimeout(c, java.time.Duration.ofSeconds(2));
            t0 = System.nanoTime();
            SQLException timedOut = catchThrowableOfType(SQLException.class, () -> s.executeUpdate(update));
            long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat((Throwable) timedOut).as("the UPDATE under a 2 s lock timeout").isNotNull();
            assertThat(dialect.isLockConflict(timedOut)).as(timedOut.toString()).isTrue();
            assertThat(waitedMillis).as("ms the UPDATE waited under a 2 s lock timeout").isGreaterThanOrEqualTo(1_500);
            c.rollback();
            holder.rollback();
        }
        assertThat(db.queryLong("SELECT sum(visits) FROM counted")).isZero();
    }

    /**
     * The SPI's sink protocol as the engine drives it: every chunk that commits appended its output
     * once and was settled once (a sink left unsettled would hold its lock and hang the run), the
     * position each append returned is the one its checkpoint recorded, and the outputs of chunks
     * rolled back by a retry were never appended: the committed outputs add up to the table.
     */
    @Test
    void theEngineAppendsEachChunksOutputOnceAndRecordsItsSinkPosition() throws Exception {
        createCounted("sunk", "id INT PRIMARY KEY", "g.i", 5000);
        Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
        java.util.concurrent.locks.ReentrantLock held = new java.util.concurrent.locks.ReentrantLock();
        java.util.concurrent.atomic.AtomicLong position = new java.util.concurrent.atomic.AtomicLong();
        java.util.Map<Integer, Long> committed = new ConcurrentHashMap<>();
        AtomicInteger rolledBack = new AtomicInteger();
        AtomicInteger appendsOfDoneChunks = new AtomicInteger();
        IncrementJob increment = new IncrementJob("sunk");
        SweepJob<Long> job = new SweepJob<>() {
            @Override
            public String kind() {
                return increment.kind();
            }

            @Override
            public String spec() {
                return increment.spec();
            }

            @Override
            public List<String> tables() {
                return increment.tables();
            }

            @Override
            public boolean rerunsWhenFinished() {
                return false;
            }

            @Override
            public List<SweepTask<Long>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
                SweepTask<Void> t = increment.prepare(table, connection, dialect).get(0);
                return List.of(new SweepTask<Long>(t.name(), t.table(), t.chunkKey(), t.estimatedRows(), () -> {
                    var inner = t.processors().get();
                    return ctx -> {
                        ChunkOutcome<Void> o = inner.process(ctx);
                        if (ctx.chunk().number() % 4 == 0 && failedOnce.add(ctx.chunk().number())) {
                            throw new SQLTransactionRollbackException("simulated deadlock", "40001");
                        }
                        return new ChunkOutcome<>(o.rows(), o.affected(), 0, o.rows());
                    };
                }, true));
            }

            @Override
            public io.rowsweep.core.spi.job.ChunkSink<Long> sink() {
                return (chunk, rows) -> {
                    held.lock();
                    long after = position.addAndGet(rows);
                    appendsOfDoneChunks.incrementAndGet();
                    return new io.rowsweep.core.spi.job.ChunkSink.Appended() {
                        @Override
                        public long position() {
                            return after;
                        }

                        @Override
                        public void committed() {
                            assertThat(committed.put(chunk.number(), after)).as("chunk %d settled twice", chunk.number()).isNull();
                            held.unlock();
                        }

                        @Override
                        public void rollBack() {
                            rolledBack.incrementAndGet();
                            position.addAndGet(-rows);
                            held.unlock();
                        }
                    };
                };
            }
        };
        RunSummary summary = run(job, settings(2).with(SweepSettings.JOB, "sunk-job"));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertThat(failedOnce).isNotEmpty();
        assertVisitedOnce("sunk");
        assertThat(rolledBack).hasValue(0);
        assertThat(appendsOfDoneChunks.get()).isEqualTo(committed.size());
        assertThat(position).hasValue(5000); // only committed chunks' outputs, each once
        HikariDataSource reader = db.dataSource(1);
        pools.add(reader);
        try (Connection c = reader.getConnection()) {
            List<io.rowsweep.core.state.ChunkRecord> chunks = io.rowsweep.core.state.JobStateReader.of(c, null).chunks("sunk-job");
            assertThat(chunks).isNotEmpty().allMatch(r -> r.status() == io.rowsweep.core.state.ChunkStatus.DONE);
            assertThat(chunks).hasSize(committed.size());
            for (io.rowsweep.core.state.ChunkRecord r : chunks) {
                assertThat(r.sinkPosition()).as("chunk %d's recorded position", r.chunk().number()).isEqualTo(committed.get(r.chunk().number()));
            }
        }
    }

    /**
     * On MySQL and MariaDB the lock wait is the session's, not the transaction's: a run on the
     * application's own pool gives every connection back with the lock wait it came with (here 17 s,
     * the pool's own), not rowsweep's lock timeout or its no-wait.
     */
    @Test
    void aRunGivesThePoolsConnectionsBackWithTheLockWaitTheyCameWith() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(kind() == DatabaseKind.MARIADB || kind() == DatabaseKind.MYSQL_DRIVER,
                "only MySQL and MariaDB set the lock wait for the session");
        createCounted("lent", "id INT PRIMARY KEY", "g.i", 5000);
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(6);
        config.setConnectionInitSql("SET SESSION innodb_lock_wait_timeout = 17");
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        RunSummary summary = new SweepEngine(pool, settings(2).with(SweepSettings.LOCK_TIMEOUT, java.time.Duration.ofSeconds(3))
                .with(SweepSettings.LATENCY_GUARD, io.rowsweep.core.LatencyGuard.OFF),
                List.of(), Clock.systemUTC()).run(new IncrementJob("lent"));
        assertThat(summary.status()).isEqualTo(RunStatus.DONE);
        assertVisitedOnce("lent");
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                all.add(pool.getConnection());
            }
            for (Connection c : all) {
                try (java.sql.Statement st = c.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SELECT @@SESSION.innodb_lock_wait_timeout")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("a pooled connection's lock wait after the run").isEqualTo(17);
                }
            }
        } finally {
            for (Connection c : all) {
                c.close();
            }
        }
    }

    /** A job that forwards everything to another; tests override what they change. */
    static class DelegatingJob implements SweepJob<Void> {
        private final SweepJob<Void> delegate;

        DelegatingJob(SweepJob<Void> delegate) {
            this.delegate = delegate;
        }

        @Override
        public String kind() {
            return delegate.kind();
        }

        @Override
        public String spec() {
            return delegate.spec();
        }

        @Override
        public List<String> tables() {
            return delegate.tables();
        }

        @Override
        public List<SweepTask<Void>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
            return delegate.prepare(table, connection, dialect);
        }

        @Override
        public boolean rerunsWhenFinished() {
            return delegate.rerunsWhenFinished();
        }
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
    }
}
