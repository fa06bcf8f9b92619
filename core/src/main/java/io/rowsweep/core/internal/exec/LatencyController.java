package io.rowsweep.core.internal.exec;

import java.util.Arrays;

/**
 * Decides how many rows per second a run may process from what the other users of the database
 * feel: a replica lagging past max-replica-lag, a session waiting on rowsweep's locks, more other
 * sessions running statements than max-load, or, while an application is there to feel it, the
 * commit latency of a probe above 1.5 times its level before the run (the application's commits
 * queue behind the same write-ahead log, locks and CPU as the probe's). While none of these signal
 * anything, the allowed rate grows; when one does, the rate is cut to half of what the run achieved
 * (cut hard, grow back slowly, as TCP congestion control does). With nobody else on the database
 * and no replica behind, the run goes at full speed: its own writes slowing its own probe hurt no
 * one. An application already there when the run starts gets a slow start: the run begins at a
 * few chunks a second and doubles every half second until something signals. No I/O here:
 * {@link LatencyGuardThread} feeds it.
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
    /** Calm probes after which a run with nobody else on the database goes back to full speed: one second. */
    static final int CALM_TO_RELEASE = 10;
    /** Growth per probe in a slow start: doubles every {@link #WINDOW} probes. */
    static final double SLOW_START_GROWTH = Math.pow(2, 1.0 / WINDOW);

    /**
     * What the guard saw besides the probe's latency, at one probe.
     *
     * @param applicationPresent whether other sessions use the database (or the database cannot tell): only then does
     *                           the probe's commit latency count
     * @param hurt               why the run hurts someone now ("replica lag 2.3 s"), or null
     * @param pause              why the run must not go on at all now ("critical load: 60 sessions running"), or null
     * @param replicaBehindLately whether a replica fell behind a short while ago: then the run grows back step by step
     *                           rather than at once to full speed, which would fill the replica's queue again
     */
    record Pressure(boolean applicationPresent, String hurt, String pause, boolean replicaBehindLately) {
        static final Pressure NONE_KNOWN = new Pressure(true, null, null);

        Pressure(boolean applicationPresent, String hurt, String pause) {
            this(applicationPresent, hurt, pause, false);
        }
    }

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
    private boolean slowStart;
    private int calm;
    private String reason;
    private String lastHurt;

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

    /**
     * Starts the run slowly, at {@code rowsPerSecond}, doubling every half second until something
     * signals: for an application that is already there when the run starts.
     */
    synchronized void slowStart(double rowsPerSecond) {
        allowed = Math.max(floor, rowsPerSecond);
        slowStart = true;
        reason = "slow start: an application is using the database";
    }

    /** Why the run is slowed down now, or null while it goes at full speed. */
    synchronized String reason() {
        return reason;
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

    /** {@link #onProbe(long, long, long, Pressure)} where nothing but the latency is known. */
    synchronized double onProbe(long latencyNanos, long rowsTotal, long nowNanos) {
        return onProbe(latencyNanos, rowsTotal, nowNanos, Pressure.NONE_KNOWN);
    }

    /**
     * Takes one probe's latency, the rows processed so far and what else the guard saw, at
     * {@code nowNanos}; returns the rows per second allowed from now on (infinite: full speed; 0: pause).
     */
    synchronized double onProbe(long latencyNanos, long rowsTotal, long nowNanos, Pressure pressure) {
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
        if (pressure.pause() != null) {
            reason = pressure.pause();
            lastHurt = reason;
            calm = 0;
            return 0;
        }
        String hurt = pressure.hurt();
        if (hurt == null && pressure.applicationPresent() && samples >= WINDOW && signalNanos() > thresholdNanos()) {
            hurt = String.format(java.util.Locale.ROOT, "commit latency %.1f ms (%.1f ms before the run)", signalNanos() / 1e6,
                    baselineNanos / 1e6);
        }
        if (hurt != null) {
            calm = 0;
            reason = hurt;
            lastHurt = hurt;
            if (sinceCut >= SETTLE) {
                double achieved = observed > 0 ? observed : floor();
                allowed = Math.max(floor(), Math.min(allowed, achieved) * CUT);
                sinceCut = 0;
                slowStart = false;
            }
        } else if (!Double.isInfinite(allowed)) {
            calm++;
            if (!pressure.applicationPresent() && !pressure.replicaBehindLately() && calm >= CALM_TO_RELEASE) {
                // Nobody else on the database and no replica behind: the run's own load hurts no one.
                allowed = Double.POSITIVE_INFINITY;
                slowStart = false;
                reason = null;
            } else {
                // Grow, but not far past what the run achieves: an allowance it does not use would let it burst later.
                double ceiling = observed < 0 ? Double.POSITIVE_INFINITY : Math.max(floor(), observed) * 3;
                allowed = Math.max(floor(), Math.min(allowed * (slowStart ? SLOW_START_GROWTH : GROWTH), ceiling));
                reason = slowStart ? "slow start: an application is using the database"
                        : "recovering from " + (lastHurt == null ? "a slow database" : lastHurt);
            }
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
