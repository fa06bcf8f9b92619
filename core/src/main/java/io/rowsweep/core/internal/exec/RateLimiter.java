package io.rowsweep.core.internal.exec;

/**
 * Keeps the rows processed by all workers under a rate: after a chunk of {@code n} rows, the next
 * chunk may start {@code n / rate} seconds after the previous allowance. The rate is the lower of
 * the fixed max-rows-per-second (0: none) and the latency guard's current allowance.
 *
 * <p>A rate alone would still let each chunk run at full speed, a burst the application feels, and
 * then sleep. So under a rate, chunks are also kept to {@link #SLICE_SECONDS} of the rate's rows
 * per worker ({@link #chunkCeiling}): many short bursts instead of a few long ones.
 */
final class RateLimiter {

    static final double SLICE_SECONDS = 0.05;

    private final double fixedRowsPerSecond;
    private final int workers;
    private final int minChunkRows;
    private volatile double guardRowsPerSecond = Double.POSITIVE_INFINITY;
    private volatile String reason;
    private long nextAllowedNanos = System.nanoTime();
    private long rowsTotal;

    RateLimiter(long rowsPerSecond, int workers, int minChunkRows) {
        this.fixedRowsPerSecond = rowsPerSecond > 0 ? rowsPerSecond : Double.POSITIVE_INFINITY;
        this.workers = Math.max(1, workers);
        this.minChunkRows = minChunkRows;
    }

    /** Accounts for {@code rows} just processed; returns how long the caller should wait, in nanos. */
    synchronized long account(long rows) {
        if (rows <= 0) {
            return 0;
        }
        rowsTotal += rows;
        double rate = rowsPerSecond();
        if (Double.isInfinite(rate) || rate <= 0) {
            return 0; // a pause is waited out before the next chunk (ChunkRunner#pauseAfter)
        }
        long now = System.nanoTime();
        nextAllowedNanos = Math.max(nextAllowedNanos, now) + (long) (rows * 1e9 / rate);
        return Math.max(0, nextAllowedNanos - now);
    }

    /** Rows processed so far by this process. */
    synchronized long rowsTotal() {
        return rowsTotal;
    }

    /** The rate in force, rows per second; infinite when none. */
    double rowsPerSecond() {
        return Math.min(fixedRowsPerSecond, guardRowsPerSecond);
    }

    /** Sets the latency guard's allowance (infinite: none; 0: pause). */
    void guard(double rowsPerSecond) {
        guard(rowsPerSecond, null);
    }

    /** Sets the latency guard's allowance (infinite: none; 0: pause) and why it is what it is (null: full speed). */
    void guard(double rowsPerSecond, String why) {
        guardRowsPerSecond = rowsPerSecond;
        reason = why;
    }

    /** Whether the guard asks the workers to start no chunk now. */
    boolean paused() {
        return guardRowsPerSecond <= 0;
    }

    /** Why the run is slowed down now ("replica lag 2.3 s"), or null at full speed. */
    String reason() {
        if (reason != null) {
            return reason;
        }
        return Double.isInfinite(fixedRowsPerSecond) ? null : "max-rows-per-second " + Math.round(fixedRowsPerSecond);
    }

    /** The most rows a chunk should hold under the rate in force; {@code Integer.MAX_VALUE} when none. */
    int chunkCeiling() {
        double rate = rowsPerSecond();
        if (Double.isInfinite(rate)) {
            return Integer.MAX_VALUE;
        }
        if (rate <= 0) {
            return minChunkRows;
        }
        return (int) Math.max(minChunkRows, Math.min(Integer.MAX_VALUE, rate * SLICE_SECONDS / workers));
    }
}
