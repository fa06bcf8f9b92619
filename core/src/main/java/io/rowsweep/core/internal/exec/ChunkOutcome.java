package io.rowsweep.core.internal.exec;

/**
 * What one chunk did.
 *
 * @param rows     rows read (or matched)
 * @param affected rows acted on: invalid (validate) or changed (update)
 * @param problems findings: violations
 * @param output   job-specific output the {@link ChunkPublisher} makes durable (e.g. a spool of violations), or null
 */
public record ChunkOutcome(long rows, long affected, long problems, Object output) {

    public static ChunkOutcome of(long rows, long affected, long problems) {
        return new ChunkOutcome(rows, affected, problems, null);
    }
}
