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
 * @param throttle      why the run is slowed down right now ("replica lag 2.3 s on replica@10.0.0.5 (max-replica-lag 1.0 s)",
 *                      "max-rows-per-second 5000"), or null while it goes at full speed
 */
public record Progress(String job, Instant startedAt, Duration elapsed, long rowsDone, long rowsEstimated, double rowsPerSecond,
                       Duration eta, long affected, long problems, long chunksDone, long chunksFailed,
                       List<WorkerStatus> workers, List<TableProgress> tables, String throttle) {

    /** A snapshot of a run going at full speed. */
    public Progress(String job, Instant startedAt, Duration elapsed, long rowsDone, long rowsEstimated, double rowsPerSecond,
                    Duration eta, long affected, long problems, long chunksDone, long chunksFailed,
                    List<WorkerStatus> workers, List<TableProgress> tables) {
        this(job, startedAt, elapsed, rowsDone, rowsEstimated, rowsPerSecond, eta, affected, problems, chunksDone, chunksFailed,
                workers, tables, null);
    }

    /** Fraction done in [0, 1], from the estimate. */
    public double fraction() {
        if (rowsEstimated <= 0) {
            return 0;
        }
        return Math.min(1.0, (double) rowsDone / rowsEstimated);
    }
}
