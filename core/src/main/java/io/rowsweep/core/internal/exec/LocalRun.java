package io.rowsweep.core.internal.exec;

import io.rowsweep.core.RunStatus;
import io.rowsweep.core.WorkerStatus;
import io.rowsweep.core.spi.job.Chunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's chunks run on worker threads of this process alone (not distributed), each worker on a
 * connection of its own, until none is left or the run stops.
 */
final class LocalRun {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

    private final RunContext ctx;
    /** Pause and cancel requests, as this process's workers obey them. */
    private final RequestGate gate;

    LocalRun(RunContext ctx) {
        this.ctx = ctx;
        this.gate = new RequestGate(ctx);
    }

    /** Runs the chunks on {@code workers} threads and returns how the run ends. */
    RunStatus run(int workers) {
        // A claim whose commit reached the database while its acknowledgement was lost (the
        // connection died) leaves a RUNNING chunk no worker holds: sweep those up until none is left.
        for (int round = 0; round < 10; round++) {
            runWorkerThreads(workers);
            if (ctx.stop().stopping() || gate.cancelled() || !ctx.scheduler().allPlanned()) {
                break;
            }
            List<Chunk> orphans = orphanedChunks();
            if (orphans.isEmpty()) {
                break;
            }
            LOG.info("{} chunk(s) were claimed but their claim's acknowledgement was lost; doing them now", orphans.size());
            ctx.scheduler().requeue(orphans);
        }
        if (gate.cancelled() && ctx.stop().runStatus() != RunStatus.FAILED) {
            return RunStatus.CANCELLED;
        }
        if (ctx.tracker().snapshot().chunksFailed() > 0 || ctx.stop().runStatus() == RunStatus.FAILED) {
            return RunStatus.FAILED;
        }
        if (ctx.stop().stopping()) {
            return RunStatus.STOPPED;
        }
        return ctx.scheduler().allPlanned() && orphanedChunks().isEmpty() ? RunStatus.DONE : RunStatus.STOPPED;
    }

    private void runWorkerThreads(int workers) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ChunkRunner runner = new ChunkRunner(ctx, i);
            Thread t = new Thread(() -> work(runner), runner.name() + " starting");
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    LOG.info("Interrupted: stopping after the running chunks");
                    ctx.stop().requestStop();
                }
            }
        }
    }

    /** One worker's loop: claim, process, checkpoint, repeat, on its own connection, until no work is left or the run stops. */
    private void work(ChunkRunner runner) {
        try (runner) {
            while (!ctx.stop().stopping() && gate.mayClaim(runner)) {
                ctx.tracker().worker(runner.index(), WorkerStatus.State.CLAIMING, null);
                Thread.currentThread().setName(runner.name() + " claiming");
                long rows;
                try {
                    ChunkScheduler.Claim claim = runner.claimWithRetry();
                    if (claim == null) {
                        break;
                    }
                    rows = runner.runChunk(claim).rows();
                } finally {
                    gate.claimEnded();
                }
                runner.pauseAfter(rows);
            }
        } catch (OutOfMemoryError e) {
            LOG.error("{} ran out of memory; the run stops. {}", runner.name(), Errors.OUT_OF_MEMORY_ADVICE, e);
            ctx.stop().request(StopSignal.Reason.FAILED);
        } catch (RuntimeException | Error e) {
            LOG.error("{} stopped by an unexpected error; the run stops, re-run the job to resume", runner.name(), e);
            ctx.stop().request(StopSignal.Reason.FAILED);
        } finally {
            ctx.tracker().worker(runner.index(), WorkerStatus.State.DONE, null);
            Thread.currentThread().setName(runner.name() + " done");
        }
    }

    /** RUNNING chunks after every worker stopped: in a single process, nobody holds them. */
    private List<Chunk> orphanedChunks() {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = Connections.borrow(ctx.state().source(), ctx.networkTimeout())) {
                c.setAutoCommit(true);
                return ctx.store().runningChunks(c, ctx.job());
            } catch (SQLException e) {
                if (attempt >= 3 || !Errors.isTransient(ctx.dialect(), e)) {
                    LOG.warn("could not look for orphaned chunks ({}); re-run the job to finish them", Errors.describe(e));
                    return List.of();
                }
                Backoff.sleepQuietly(Backoff.delay(attempt + 1));
            }
        }
    }
}
