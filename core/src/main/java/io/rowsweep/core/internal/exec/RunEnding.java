package io.rowsweep.core.internal.exec;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.Setting;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of this process's part in a run: records how the run ended in the job state (or, for
 * a worker that leaves a running job, records nothing), counts its summary from the job state
 * and tells the listeners.
 */
final class RunEnding {

    private static final Logger LOG = LoggerFactory.getLogger(RunEnding.class);
    /** How long a run whose database stopped answering waits to record its outcome before it gives up (it stays resumable). */
    private static final Duration RECORD_WAIT_WHEN_UNAVAILABLE = Duration.ofSeconds(3);
    /** Records outcomes, so a database that does not answer cannot hold the caller past {@link #RECORD_WAIT_WHEN_UNAVAILABLE}. */
    private static final Executor RECORDER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rowsweep-recorder");
        t.setDaemon(true);
        return t;
    });

    private final RunContext ctx;
    private final RunSummaries summaries;
    private final int run;
    private final boolean resumed;
    /** The run's latency guard, or null when it has none. */
    private final LatencyGuardThread guard;

    RunEnding(RunContext ctx, RunSummaries summaries, int run, boolean resumed, LatencyGuardThread guard) {
        this.ctx = ctx;
        this.summaries = summaries;
        this.run = run;
        this.resumed = resumed;
        this.guard = guard;
    }

    /**
     * Ends the run with {@code status} and returns its summary.
     *
     * @param record whether to record the outcome for the job (and the run's history row); false
     *               for a worker that leaves a job other processes go on with
     * @throws RowSweepException RUN_FAILED when the outcome could not be recorded (the run stays resumable)
     */
    RunSummary end(RunStatus status, boolean record) {
        RunSummary summary = null;
        Exception last = null;
        Duration elapsed = progress().elapsed();
        // The database may just have come back (or not): try a few times to record the outcome; when it
        // stopped answering, once, and for a few seconds only, so the run ends soon after its retry deadline.
        boolean unavailable = ctx.stop().reason() == StopSignal.Reason.UNAVAILABLE;
        for (int attempt = 0; attempt < (unavailable ? 1 : 3) && summary == null; attempt++) {
            CompletableFuture<RunSummary> recorded = CompletableFuture.supplyAsync(() -> {
                try (Connection c = Connections.borrow(ctx.state().source(), ctx.networkTimeout())) {
                    c.setAutoCommit(false);
                    if (record) {
                        ctx.store().finishJob(c, ctx.job(), jobStatus(status), ctx.clock().millis());
                        c.commit();
                    }
                    RunSummary s = summaries.ofRun(c, ctx.store(), status, resumed, elapsed, ctx.tracker(), guard);
                    if (record) {
                        JobTotals totals = JobTotals.read(c, ctx.store(), ctx.job());
                        ctx.store().recordRunEnd(c, ctx.job(), run, jobStatus(status), s.rows(), totals.chunks(ChunkStatus.DONE),
                                totals.chunks(ChunkStatus.FAILED), ctx.clock().millis());
                    }
                    c.commit();
                    return s;
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, RECORDER);
            try {
                summary = unavailable ? recorded.get(RECORD_WAIT_WHEN_UNAVAILABLE.toMillis(), TimeUnit.MILLISECONDS) : recorded.get();
            } catch (ExecutionException e) {
                last = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                Backoff.sleepQuietly(Backoff.delay(attempt + 2));
            } catch (TimeoutException e) {
                last = new SQLException("the database did not answer within " + Setting.format(RECORD_WAIT_WHEN_UNAVAILABLE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = e;
                break;
            }
        }
        if (summary == null) {
            throw new RowSweepException(ErrorCode.RUN_FAILED, "The run ended (" + status + ") but its outcome could not be recorded: "
                    + Errors.describe(last) + ". Re-run the job to resume it once the database is reachable.", last);
        }
        Progress finalProgress = progress();
        for (ProgressListener l : ctx.listeners()) {
            l.finished(finalProgress, summary);
        }
        LOG.info("{} job '{}' {}: {} rows, {} affected, {} problems in {} ms", ctx.sweepJob().kind(), ctx.job(),
                status.name().toLowerCase(), summary.rows(), summary.affected(), summary.problems(), summary.elapsed().toMillis());
        return summary;
    }

    private Progress progress() {
        return ctx.tracker().snapshot();
    }

    private static JobStatus jobStatus(RunStatus status) {
        return switch (status) {
            case DONE, ALREADY_DONE -> JobStatus.DONE;
            case FAILED -> JobStatus.FAILED;
            case CANCELLED -> JobStatus.CANCELLED;
            case STOPPED -> JobStatus.STOPPED;
        };
    }
}
