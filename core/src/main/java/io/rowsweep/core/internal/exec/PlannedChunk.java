package io.rowsweep.core.internal.exec;

/**
 * A chunk planned and recorded as queued in the job state, for any process to run.
 *
 * @param task        the task (see {@link SweepTask<Object>#name()})
 * @param number      the chunk's number within its task, from 1
 * @param plannedRows the rows its range held when planned, or -1 when unknown (the open-ended last chunk)
 */
public record PlannedChunk(String task, int number, long plannedRows) {
}
