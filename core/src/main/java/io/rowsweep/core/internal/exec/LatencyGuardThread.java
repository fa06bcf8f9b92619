package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.state.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The latency guard: ten times a second, times a one-row write and its commit in the job state
 * (on a pooled connection, timing only the statement, not the wait for the connection), hands
 * the latency to a {@link LatencyController} and applies the allowed rate to the run's
 * {@link RateLimiter}, which also shrinks chunks to it. A probe that has not returned after one
 * interval counts, every interval, with the time it has waited so far: a stall slows the run
 * within a tenth of a second, not when the probe's 2 s timeout ends it.
 */
final class LatencyGuardThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyGuardThread.class);
    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int BASELINE_PROBES = 5;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Duration networkTimeout;
    private final JobStore store;
    private final String job;
    private final Clock clock;
    private final RateLimiter limiter;
    private final int minChunkRows;
    private volatile boolean closed;
    private Thread thread;
    /** Runs the probes, so the guard sees a probe that is still waiting. */
    private ExecutorService prober;
    private LatencyController controller;
    private long throttledNanos;
    private long lastReport;

    LatencyGuardThread(DataSource dataSource, Duration networkTimeout, JobStore store, String job, Clock clock, RateLimiter limiter,
                       int minChunkRows) {
        this.dataSource = dataSource;
        this.networkTimeout = networkTimeout;
        this.store = store;
        this.job = job;
        this.clock = clock;
        this.limiter = limiter;
        this.minChunkRows = minChunkRows;
    }

    /**
     * Measures the latency before the run (a few probes, now, before any worker starts) and starts
     * watching. When the probe cannot run, the run goes on unguarded, with a warning.
     */
    void start() {
        long[] before = new long[BASELINE_PROBES];
        try {
            for (int i = 0; i < before.length; i++) {
                if (i > 0) {
                    // Spaced as during the run: back-to-back probes find every cache and CPU awake and read too low.
                    JobSession.sleepQuietly(INTERVAL);
                }
                try (Connection c = Connections.borrow(dataSource, networkTimeout)) {
                    c.setAutoCommit(true);
                    before[i] = probe(c);
                }
            }
        } catch (SQLException e) {
            LOG.warn("latency guard off: its probe failed ({}); the run is not slowed down for the application", Errors.describe(e));
            return;
        }
        long baseline = LatencyController.baseline(before);
        controller = new LatencyController(baseline, minChunkRows);
        LOG.info("latency guard on: commit latency before the run {} ms; slowing down above {} ms", millis(baseline),
                millis(controller.thresholdNanos()));
        prober = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rowsweep-latency-probe");
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::watch, "rowsweep-latency-guard");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        long last = System.nanoTime();
        while (!closed) {
            long started = System.nanoTime();
            Future<Long> probe = prober.submit(this::probeOnce);
            Long latency = null;
            while (latency == null && !closed) {
                try {
                    latency = probe.get(INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillWaiting) {
                    // A probe still waiting (on a lock, a stalled disk) is a slow database now, not when it returns.
                    last = apply(System.nanoTime() - started, last);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    latency = Duration.ofSeconds(JobStore.PROBE_TIMEOUT_SECONDS).toNanos();
                }
            }
            if (latency != null) {
                last = apply(latency, last);
                JobSession.sleepQuietly(INTERVAL);
            }
        }
    }

    /** Hands one latency to the controller and its allowance to the limiter; returns now. */
    private long apply(long latency, long last) {
        long now = System.nanoTime();
        double allowed = controller.onProbe(latency, limiter.rowsTotal(), now);
        limiter.guard(allowed);
        if (!Double.isInfinite(allowed)) {
            throttledNanos += now - last;
        }
        report(allowed, now);
        return now;
    }

    /** One probe on a pooled connection: its latency, or the probe's timeout when it failed (down, timed out, locked). */
    private long probeOnce() {
        try (Connection c = Connections.borrow(dataSource, networkTimeout)) {
            c.setAutoCommit(true);
            return probe(c);
        } catch (SQLException e) {
            // As slow as the probe may be. Retries and back-off elsewhere handle outages.
            LOG.debug("latency probe failed: {}", e.toString());
            return Duration.ofSeconds(JobStore.PROBE_TIMEOUT_SECONDS).toNanos();
        }
    }

    private long probe(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        store.probe(c, job, clock.millis());
        return System.nanoTime() - t0;
    }

    private void report(double allowed, long now) {
        if (Double.isInfinite(allowed) || now - lastReport < REPORT_EVERY.toNanos()) {
            return;
        }
        lastReport = now;
        LOG.info("latency guard: commit latency {} ms (before the run {} ms), so at most {} rows/s, chunks of at most {} rows",
                millis(controller.signalNanos()), millis(controller.baselineNanos()), Math.round(allowed), limiter.chunkCeiling());
    }

    /**
     * Stops probing without waiting for a probe in progress: the database stopped answering, and
     * the probe would only end with its timeout.
     */
    void abandon() {
        closed = true;
        if (prober != null) {
            prober.shutdown();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            // No interrupt: it could land inside a probe's JDBC call and break its pooled connection.
            try {
                thread.join(Duration.ofSeconds(1).toMillis());
                prober.shutdown();
                prober.awaitTermination(JobStore.PROBE_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (throttledNanos > 0) {
                LOG.info("latency guard: the run was slowed down for {} s to keep the database's commit latency near {} ms",
                        Duration.ofNanos(throttledNanos).toSeconds(), millis(controller.thresholdNanos()));
            }
        }
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
