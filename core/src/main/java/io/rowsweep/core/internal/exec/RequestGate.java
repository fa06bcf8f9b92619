package io.rowsweep.core.internal.exec;

import io.rowsweep.core.WorkerStatus;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pause and cancel requests ({@code rowsweep pause|cancel} from any process) as the workers of a
 * local run obey them. A worker reads the job's request before each claim (one one-row read per
 * chunk), so a request stops new claims at once and takes effect when the running chunks have
 * committed: the worker that finds none of this process's workers busy records it (PAUSED or
 * CANCELLED). Paused workers keep waiting, reading the request every {@link #POLL}, until the run
 * is resumed, cancelled or stopped.
 */
final class RequestGate {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);
    /** How often a paused worker looks whether the run was resumed (or cancelled). */
    static final Duration POLL = Duration.ofMillis(500);

    private final RunContext ctx;
    /** Workers between their look at the request and the end of the chunk it let them claim. */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean cancelled;

    RequestGate(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Before {@code runner} claims a chunk: true to claim (it then counts as busy until
     * {@link #claimEnded}), after waiting while the run is paused; false when the run is
     * cancelled or stopping.
     */
    boolean mayClaim(ChunkRunner runner) {
        boolean waited = false;
        while (!ctx.stop().stopping()) {
            busy.incrementAndGet();
            JobStore.Control control = cancelled ? null : runner.request();
            ControlRequest request = cancelled ? ControlRequest.CANCEL : control == null ? null : control.requested();
            if (request == null) {
                if (waited) {
                    LOG.debug("{}: the run was resumed", runner.name());
                }
                return true;
            }
            // Once PAUSED is recorded, waiting workers only look: no write every half second.
            boolean recorded = control != null && control.status() == JobStatus.PAUSED && request == ControlRequest.PAUSE;
            if (busy.decrementAndGet() == 0 && !recorded && runner.acknowledge(request)) {
                LOG.info("Job '{}' {}: no chunk is running in this process ({} chunks done){}", ctx.job(),
                        request == ControlRequest.PAUSE ? "paused" : "cancelled", ctx.tracker().snapshot().chunksDone(),
                        request == ControlRequest.PAUSE ? "; it goes on after  rowsweep resume --job " + ctx.job() : "");
            }
            if (request == ControlRequest.CANCEL) {
                cancelled = true;
                return false;
            }
            waited = true;
            ctx.tracker().worker(runner.index(), WorkerStatus.State.PAUSED, null);
            Backoff.sleepQuietly(POLL);
        }
        return false;
    }

    /** The chunk {@link #mayClaim} let a worker claim committed or failed (or there was none to claim). */
    void claimEnded() {
        busy.decrementAndGet();
    }

    /** Whether the run was cancelled. */
    boolean cancelled() {
        return cancelled;
    }
}
