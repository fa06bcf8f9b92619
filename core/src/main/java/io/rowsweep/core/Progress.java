package io.rowsweep.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a running job, for progress bars and reports.
 *
 * @param rowsDone      rows in chunks done, including those done by an earlier, interrupted run
 * @param rowsEstimated total rows by the database's statistics (may be exceeded)
 * @param rowsPerSecond throughput of this run so far
 * @param eta           remaining time at that rate, or null when unknown
 */
public record Progress(String job, Instant startedAt, Duration elapsed, long rowsDone, long rowsEstimated, double rowsPerSecond,
                       Duration eta, long affected, long problems, long chunksDone, long chunksFailed,
                       List<WorkerStatus> workers, List<TableProgress> tables) {

    /** Fraction done in [0, 1], from the estimate. */
    public double fraction() {
        if (rowsEstimated <= 0) {
            return 0;
        }
        return Math.min(1.0, (double) rowsDone / rowsEstimated);
    }
}
