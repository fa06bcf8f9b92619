package io.rowsweep.core.internal.exec;

import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells a run's listeners how it progresses, every {@link #PROGRESS_INTERVAL}, from a daemon
 * thread of its own; with a heartbeat, also keeps the job's heartbeat fresh from that thread, so
 * no other process takes the job over as abandoned.
 */
final class RunReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunReporter.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    private final RunContext ctx;
    /** The process the heartbeat names as the job's owner. */
    private final String owner;
    private final ScheduledExecutorService thread;

    private RunReporter(RunContext ctx, String owner, ScheduledExecutorService thread) {
        this.ctx = ctx;
        this.owner = owner;
        this.thread = thread;
    }

    /**
     * Tells the listeners the run started, then reports from now on.
     *
     * @param heartbeat whether to keep the job's heartbeat fresh, naming {@code owner}
     */
    static RunReporter start(RunContext ctx, boolean heartbeat, String owner) {
        ScheduledExecutorService r = Executors.newSingleThreadScheduledExecutor(t -> {
            Thread thread = new Thread(t, "rowsweep-coordinator");
            thread.setDaemon(true);
            return thread;
        });
        RunReporter reporter = new RunReporter(ctx, owner, r);
        Progress first = reporter.progress();
        ctx.listeners().forEach(l -> l.started(first));
        r.scheduleAtFixedRate(() -> {
            Progress p = reporter.progress();
            for (ProgressListener l : ctx.listeners()) {
                try {
                    l.progress(p);
                } catch (RuntimeException e) {
                    LOG.warn("progress listener failed: {}", e.toString());
                }
            }
        }, PROGRESS_INTERVAL.toMillis(), PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (heartbeat) {
            r.scheduleAtFixedRate(reporter::heartbeat, HEARTBEAT_INTERVAL.toMillis(), HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return reporter;
    }

    private Progress progress() {
        return ctx.tracker().snapshot();
    }

    private void heartbeat() {
        try (Connection c = Connections.borrow(ctx.state().source(), ctx.networkTimeout())) {
            c.setAutoCommit(true);
            ctx.store().heartbeat(c, ctx.job(), owner, ctx.clock().millis());
        } catch (SQLException | RuntimeException e) {
            LOG.debug("heartbeat failed: {}", e.toString());
        }
    }

    /** Stops reporting at once, without waiting for a report or heartbeat under way. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
