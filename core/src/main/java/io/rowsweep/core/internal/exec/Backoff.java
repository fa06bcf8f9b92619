package io.rowsweep.core.internal.exec;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter for chunk retries: 0.2 s, 0.4 s, 0.8 s ... capped at 5 s; and
 * the engine's one way to wait ({@link #sleepQuietly}).
 */
final class Backoff {

    private static final long BASE_MILLIS = 200;
    private static final long CAP_MILLIS = 5_000;

    private Backoff() {
    }

    static Duration delay(int retry) {
        long exp = BASE_MILLIS << Math.min(retry, 10);
        long capped = Math.min(CAP_MILLIS, exp);
        long jitter = ThreadLocalRandom.current().nextLong(capped / 4 + 1);
        return Duration.ofMillis(capped - capped / 8 + jitter);
    }

    /** Waits {@code d}; an interrupt ends the wait early and stays set, for the caller's loop to see. */
    static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
