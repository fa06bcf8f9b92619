package io.rowsweep.core;

/**
 * Progress of one table (or one set-based check on a table).
 *
 * @param rowsEstimated from the database's statistics, so it may be off
 * @param affected      rows the job acted on: invalid rows (validate), changed rows (update)
 * @param problems      findings: violations (validate)
 */
public record TableProgress(String table, long rowsDone, long rowsEstimated, long affected, long problems,
                            long chunksDone, long chunksFailed, boolean finished) {
}
