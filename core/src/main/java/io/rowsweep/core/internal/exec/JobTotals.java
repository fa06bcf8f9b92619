package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.state.ChunkTotals;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.state.ChunkStatus;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * What a job's chunks add up to in the job state, per task and chunk status, as
 * {@link JobStore#totals} reads them; a task or status without chunks reads as
 * {@link ChunkTotals#NONE}, so callers ask for what they need instead of walking nested maps.
 *
 * @param byTask per task, in the order the job state lists them, its totals per chunk status
 */
record JobTotals(Map<String, Map<ChunkStatus, ChunkTotals>> byTask) {

    /** Reads the totals of {@code job}'s chunks on {@code c}. */
    static JobTotals read(Connection c, JobStore store, String job) throws SQLException {
        return new JobTotals(store.totals(c, job));
    }

    /** The tasks that have chunks, in the order the job state lists them. */
    Set<String> tasks() {
        return byTask.keySet();
    }

    /** What {@code task}'s chunks in {@code status} add up to. */
    ChunkTotals of(String task, ChunkStatus status) {
        return byTask.getOrDefault(task, Map.of()).getOrDefault(status, ChunkTotals.NONE);
    }

    /** How many chunks of all tasks are in {@code status}. */
    long chunks(ChunkStatus status) {
        long n = 0;
        for (Map<ChunkStatus, ChunkTotals> byStatus : byTask.values()) {
            n += byStatus.getOrDefault(status, ChunkTotals.NONE).chunks();
        }
        return n;
    }
}
