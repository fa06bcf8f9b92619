package io.rowsweep.core.internal.exec;

import java.util.Arrays;

/**
 * Decides how many rows per second a run may process from the commit latency of a probe: while
 * every recent probe stays under 1.5 times the latency measured before the run, the allowed rate
 * grows gently; when one rises above, the rate is cut to half of what the run achieved (cut hard,
 * grow back slowly, as TCP congestion control does). The application's commits queue behind the same write-ahead log, locks and
 * CPU as the probe's, so its latency follows. No I/O here: {@link LatencyGuardThread} feeds it.
 */
final class LatencyController {

    /** Latency above {@code FACTOR x baseline + SLACK} counts as the database being hurt. */
    static final double FACTOR = 1.5;
    static final long SLACK_NANOS = 500_000;
    /** Probes the signal looks at: half a second at ten probes a second. */
    static final int WINDOW = 5;
    /** After a cut, wait this many probes for its effect before cutting again. */
    static final int SETTLE = WINDOW;
    static final double CUT = 0.5;
    static final double GROWTH = 1.05;
    /** The guard slows a run down at most this much below the best rate it achieved, so it always finishes. */
    static final double MIN_SHARE = 0.05;

    /** Probes whose median may lower the baseline: five seconds. */
    static final int RECENT = 50;

    private final long beforeNanos;
    private long baselineNanos;
    private final long[] recent = new long[RECENT];
    private final double floor;
    private final long[] window = new long[WINDOW];
    private int samples;
    private int sinceCut = SETTLE;
    private double allowed = Double.POSITIVE_INFINITY;
    private double observed = -1;
    private double peak;
    private long lastRows = -1;
    private long lastNanos;

    /**
     * @param baselineNanos the probe's latency before the run
     * @param floor         the lowest rate it may set, rows per second, so a run always advances; also
     *                      at least {@link #MIN_SHARE} of the best rate achieved
     */
    LatencyController(long baselineNanos, double floor) {
        this.beforeNanos = Math.max(1, baselineNanos);
        this.baselineNanos = beforeNanos;
        this.floor = Math.max(1, floor);
    }

    /** The median of probe latencies (before the run, and of the recent ones during it). */
    static long baseline(long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    synchronized long thresholdNanos() {
        return (long) (baselineNanos * FACTOR) + SLACK_NANOS;
    }

    synchronized long baselineNanos() {
        return baselineNanos;
    }

    /**
     * Takes one probe's latency and the rows processed so far, at {@code nowNanos}; returns the
     * rows per second allowed from now on (infinite while the run has never hurt the database).
     */
    synchronized double onProbe(long latencyNanos, long rowsTotal, long nowNanos) {
        if (lastRows >= 0 && nowNanos > lastNanos) {
            double rate = (rowsTotal - lastRows) * 1e9 / (nowNanos - lastNanos);
            observed = observed < 0 ? rate : 0.8 * observed + 0.2 * rate;
            peak = Math.max(peak, observed);
        }
        lastRows = rowsTotal;
        lastNanos = nowNanos;
        window[samples % WINDOW] = latencyNanos;
        recent[samples % RECENT] = latencyNanos;
        samples++;
        if (samples >= RECENT) {
            // Probes before the run find an idle machine whose CPUs sleep between them, and read high;
            // if the run's own probes are faster most of the time, that is the level to keep.
            baselineNanos = Math.max(1, Math.min(beforeNanos, baseline(recent)));
        }
        sinceCut++;
        if (samples < WINDOW) {
            return allowed;
        }
        if (signalNanos() > thresholdNanos()) {
            if (sinceCut >= SETTLE) {
                double achieved = observed > 0 ? observed : floor();
                allowed = Math.max(floor(), Math.min(allowed, achieved) * CUT);
                sinceCut = 0;
            }
        } else if (!Double.isInfinite(allowed)) {
            // Grow, but not far past what the run achieves: an allowance it does not use would let it burst later.
            double ceiling = Math.max(floor(), observed) * 3;
            allowed = Math.max(floor(), Math.min(allowed * GROWTH, ceiling));
        }
        return allowed;
    }

    private double floor() {
        return Math.max(floor, peak * MIN_SHARE);
    }

    /**
     * The slowest of the last {@link #WINDOW} probes: the application feels the worst moments (its
     * p99), which an average would hide; a cut waits {@link #SETTLE} probes, so one slow probe
     * cuts once.
     */
    synchronized long signalNanos() {
        int n = Math.min(samples, WINDOW);
        long max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, window[i]);
        }
        return max;
    }
}
