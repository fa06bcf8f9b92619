package io.rowsweep.distributed;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a distributed run promises, on every database: processes that share a job update each row
 * exactly once, whichever process runs which chunk; a process with no workers only watches; a
 * worker of a completed job has nothing to do; a failed chunk with on-error=stop ends the run in
 * every process; a stopped run resumes; a job other processes cannot rebuild is refused before
 * anything is written. The processes here are threads of the test's JVM, each with its own pool
 * ({@link WorkerKillContractTest} runs separate JVMs and kills one). Results are checked with SQL.
 */
abstract class DistributedContractTest extends ProcessesTestBase {

    static final int ROWS = 20_000;

    @BeforeEach
    void createTables() {
        db.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, counter INT NOT NULL)",
                "INSERT INTO counters (id, counter) SELECT g.i, 0 FROM " + db.series(ROWS));
    }

    /** The process that starts the run; small chunks so every process gets some. */
    Update increment(String job, int workers) {
        // Guard off: these tests check exactness, and the guard slows a run to a crawl whenever anything else uses the database.
        return Update.of(pool(workers)).table("counters").set("counter = counter + 1").job(job).distributed(true).workers(workers)
                .latencyGuard(LatencyGuard.OFF)
                .heartbeatInterval(Duration.ofMillis(500)).initialChunkRows(200).minChunkRows(100).maxChunkRows(500)
                .retryDeadline(Duration.ofSeconds(30));
    }

    Worker worker(String job, int workers) {
        return Worker.join(pool(workers)).job(job).workers(workers).joinTimeout(Duration.ofSeconds(30));
    }

    /** Chunks of {@code job} in {@code status}; 0 before the job state exists. */
    long chunks(String job, String status) {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + job + "' AND status = '" + status + "'");
        } catch (IllegalStateException noTable) {
            return 0;
        }
    }

    long workersJoined(String job) {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_worker WHERE job_name = '" + job + "' AND role = 'WORKER'");
        } catch (IllegalStateException noTable) {
            return 0;
        }
    }

    /** Rows in rowsweep_job; 0 when it does not exist. */
    long jobsRecorded() {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_job");
        } catch (IllegalStateException noTable) {
            return 0;
        }
    }

    void assertEachRowCountedOnce() {
        assertThat(db.queryLong("SELECT count(*) FROM counters")).isEqualTo(ROWS);
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 1")).as("rows not updated exactly once").isZero();
    }

    @Test
    void processesSharingAnUpdateUpdateEachRowOnce() throws Exception {
        Future<WorkerSummary> joined = start(() -> worker("shared", 2).run());
        UpdateSummary started = increment("shared", 2).run();
        WorkerSummary worker = joined.get(60, TimeUnit.SECONDS);

        assertThat(started.status()).isEqualTo(RunStatus.DONE);
        assertThat(worker.run().status()).isEqualTo(RunStatus.DONE);
        assertThat(worker.exitCode()).isZero();
        assertEachRowCountedOnce();
        assertThat(started.run().rows()).isEqualTo(ROWS);
        assertThat(started.totalRowsChanged()).isEqualTo(ROWS);
        long chunks = db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'shared'");
        assertThat(chunks("shared", "DONE")).isEqualTo(chunks);
        assertThat(db.queryLong("SELECT sum(rows_read) FROM rowsweep_chunk WHERE job_name = 'shared'")).isEqualTo(ROWS);
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_scheduled_tasks WHERE task_name LIKE '%/shared'"))
                .as("executions left in the queue").isZero();

        List<WorkerInfo> processes = Workers.list(pool(0), "shared", null);
        assertThat(processes).extracting(WorkerInfo::role).containsExactlyInAnyOrder(WorkerInfo.Role.PLANNER, WorkerInfo.Role.WORKER);
        assertThat(processes).allSatisfy(p -> assertThat(p.state()).isEqualTo(WorkerInfo.State.LEFT));
        assertThat(processes.stream().mapToLong(WorkerInfo::chunksDone).sum()).as("chunks done, over all processes").isEqualTo(chunks);
        assertThat(processes.stream().mapToLong(WorkerInfo::rowsDone).sum()).isEqualTo(ROWS);
        assertThat(worker.chunksDone()).isEqualTo(processes.stream().filter(p -> p.role() == WorkerInfo.Role.WORKER)
                .mapToLong(WorkerInfo::chunksDone).sum());
    }

    @Test
    void aProcessWithoutWorkersWatchesWhileWorkersWork() throws Exception {
        Future<UpdateSummary> watching = start(() -> increment("watched", 0).run());
        Future<WorkerSummary> a = start(() -> worker("watched", 1).run());
        Future<WorkerSummary> b = start(() -> worker("watched", 2).run());

        // The workers first: one that fails says why at once, where the watcher would only wait for it.
        assertThat(a.get(60, TimeUnit.SECONDS).run().status()).isEqualTo(RunStatus.DONE);
        assertThat(b.get(60, TimeUnit.SECONDS).run().status()).isEqualTo(RunStatus.DONE);
        assertThat(watching.get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.DONE);
        assertEachRowCountedOnce();
        WorkerInfo planner = Workers.list(pool(0), "watched", null).stream().filter(p -> p.role() == WorkerInfo.Role.PLANNER)
                .findFirst().orElseThrow();
        assertThat(planner.threads()).isZero();
        assertThat(planner.chunksDone()).isZero();
        assertThat(a.get().chunksDone() + b.get().chunksDone()).isEqualTo(chunks("watched", "DONE"));
    }

    @Test
    void aWorkerOfACompletedJobHasNothingToDo() {
        assertThat(increment("finished", 1).run().status()).isEqualTo(RunStatus.DONE);

        WorkerSummary late = worker("finished", 1).run();

        assertThat(late.run().status()).isEqualTo(RunStatus.ALREADY_DONE);
        assertThat(late.exitCode()).isZero();
        assertEachRowCountedOnce();
    }

    @Test
    void aWorkerGivesUpOnAJobThatDoesNotShowUp() {
        RowSweepException e = catchThrowableOfType(() -> worker("nowhere", 1).joinTimeout(Duration.ofMillis(300)).run(),
                RowSweepException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("no job named 'nowhere'").contains("--join-timeout");
    }

    @Test
    void aChunkThatFailsWithOnErrorStopFailsTheRunInEveryProcess() throws Exception {
        Future<WorkerSummary> joined = start(() -> worker("failing", 1).run());
        UpdateSummary started = Update.of(pool(1)).table("counters").fix(null, Fixes.FailOn777.class.getName()).job("failing")
                .distributed(true).workers(1).heartbeatInterval(Duration.ofMillis(500)).initialChunkRows(200).maxChunkRows(500).run();
        WorkerSummary worker = joined.get(60, TimeUnit.SECONDS);

        assertThat(started.status()).isEqualTo(RunStatus.FAILED);
        assertThat(started.run().failures()).singleElement().satisfies(f -> assertThat(f.error()).contains("row 777"));
        assertThat(worker.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(worker.exitCode()).isEqualTo(3);
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'failing'")).isEqualTo("FAILED");
        assertThat(db.queryLong("SELECT counter FROM counters WHERE id = 777")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter > 1")).isZero();
    }

    @Test
    void aStoppedRunResumesAndFinishesWithEachRowUpdatedOnce() throws Exception {
        Future<WorkerSummary> joined = start(() -> worker("stopped", 1).run());
        Update update = increment("stopped", 1).pauseBetweenChunks(Duration.ofMillis(20));
        Thread[] starter = new Thread[1];
        Future<UpdateSummary> first = start(() -> {
            starter[0] = Thread.currentThread();
            return update.run();
        });
        while (chunks("stopped", "DONE") < 5 || workersJoined("stopped") == 0) {
            Thread.sleep(20);
        }
        starter[0].interrupt();
        UpdateSummary stopped = first.get(60, TimeUnit.SECONDS);
        WorkerSummary worker = joined.get(60, TimeUnit.SECONDS);

        assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(worker.run().status()).as("the worker leaves a run its starter stopped").isEqualTo(RunStatus.STOPPED);
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter = 0")).as("rows left for the resumed run").isPositive();

        Future<WorkerSummary> again = start(() -> worker("stopped", 1).run());
        UpdateSummary resumed = update.run();

        assertThat(resumed.status()).isEqualTo(RunStatus.DONE);
        assertThat(resumed.run().resumed()).isTrue();
        assertThat(again.get(60, TimeUnit.SECONDS).run().status()).isEqualTo(RunStatus.DONE);
        assertEachRowCountedOnce();
    }

    @Test
    void aJobOtherProcessesCannotRebuildIsRefusedBeforeAnythingIsWritten() {
        RowSweepException e = catchThrowableOfType(() -> Update.of(pool(1)).table("counters").fix(row -> row.set("counter", 1))
                .job("lambda").distributed(true).workers(1).run(), RowSweepException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("cannot be shared with other processes").contains("public class");
        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE counter <> 0")).isZero();
        assertThat(jobsRecorded()).as("jobs in the job state").isZero();
    }
}
