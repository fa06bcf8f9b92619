package io.rowsweep.core;

import java.time.Duration;

/**
 * What a run did on one table (or one set-based check), counted from the job state in the
 * database, so a resumed run's totals include the chunks done before the interruption.
 *
 * @param key        the key the table was split by, e.g. {@code primary key (id)}
 * @param affected   rows acted on: invalid rows (validate), changed rows (update)
 * @param problems   findings: violations (validate)
 * @param busyTime   the sum of its chunks' durations
 */
public record TableSummary(String table, String key, long rows, long affected, long problems, long chunks,
                           long failedChunks, Duration busyTime) {
}
