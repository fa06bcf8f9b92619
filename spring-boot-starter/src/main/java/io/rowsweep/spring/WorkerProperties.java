package io.rowsweep.spring;

import io.rowsweep.core.RowSweepException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.List;

/**
 * The {@code rowsweep.worker.*} properties: whether the application works on the jobs queued in
 * its database (backfills a Flyway or Liquibase migration queued, runs started with
 * {@code --distributed}), as {@code rowsweep worker} does. Read with the other {@code rowsweep.*}
 * properties, so a bad value stops the application whether the worker is on or not.
 *
 * @param enabled      {@code rowsweep.worker.enabled}, default {@code false}
 * @param workers      {@code rowsweep.worker.workers}, default {@value #DEFAULT_WORKERS}: threads (and connections of the
 *                     application's pool, plus three) working on one job's chunks
 * @param pollInterval {@code rowsweep.worker.poll-interval}, default 10 s: how often to look for a queued job
 */
record WorkerProperties(boolean enabled, int workers, Duration pollInterval) {

    static final String ENABLED = "worker.enabled";
    static final String WORKERS = "worker.workers";
    static final String POLL_INTERVAL = "worker.poll-interval";
    /** The names, below {@code rowsweep.}. */
    static final List<String> NAMES = List.of(ENABLED, WORKERS, POLL_INTERVAL);
    static final int DEFAULT_WORKERS = 2;
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

    static WorkerProperties from(Environment environment) {
        String workersText = environment.getProperty(RowSweepProperties.PREFIX + WORKERS);
        int workers = DEFAULT_WORKERS;
        if (workersText != null) {
            try {
                workers = Integer.parseInt(workersText.trim());
            } catch (NumberFormatException e) {
                workers = 0;
            }
            if (workers < 1) {
                throw RowSweepException.usage(RowSweepProperties.PREFIX + WORKERS + ": '" + workersText + "' is not a number of threads"
                        + " (1 or more; each takes a connection of the application's pool, and the job three more).");
            }
        }
        String intervalText = environment.getProperty(RowSweepProperties.PREFIX + POLL_INTERVAL);
        Duration interval = DEFAULT_POLL_INTERVAL;
        if (intervalText != null) {
            try {
                interval = DurationStyle.detectAndParse(intervalText.trim());
            } catch (IllegalArgumentException e) {
                interval = Duration.ZERO;
            }
            if (interval.isNegative() || interval.isZero()) {
                throw RowSweepException.usage(RowSweepProperties.PREFIX + POLL_INTERVAL + ": '" + intervalText + "' is not a positive"
                        + " duration (e.g. 10s, 500ms, PT1M).");
            }
        }
        return new WorkerProperties(RowSweepProperties.flag(environment, ENABLED, false), workers, interval);
    }
}
