package io.rowsweep.core.internal.state;

/**
 * What a task's chunks in one status add up to in the job state.
 *
 * @param chunks   how many
 * @param rows     rows read
 * @param affected rows acted on
 * @param problems findings
 * @param millis   time the chunks took, from start to finish
 */
public record ChunkTotals(long chunks, long rows, long affected, long problems, long millis) {

    /** No chunks. */
    public static final ChunkTotals NONE = new ChunkTotals(0, 0, 0, 0, 0);
}
