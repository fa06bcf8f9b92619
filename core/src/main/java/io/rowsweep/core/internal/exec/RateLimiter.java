package io.rowsweep.core.internal.exec;

/**
 * Keeps the rows processed by all workers under a rate: after a chunk of {@code n} rows, the next
 * chunk may start {@code n / rate} seconds after the previous allowance. Zero means no limit.
 */
final class RateLimiter {

    private final double rowsPerNano;
    private long nextAllowedNanos = System.nanoTime();

    RateLimiter(long rowsPerSecond) {
        this.rowsPerNano = rowsPerSecond / 1e9;
    }

    /** Accounts for {@code rows} just processed; returns how long the caller should wait, in nanos. */
    synchronized long account(long rows) {
        if (rowsPerNano <= 0 || rows <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        nextAllowedNanos = Math.max(nextAllowedNanos, now) + (long) (rows / rowsPerNano);
        return Math.max(0, nextAllowedNanos - now);
    }
}
