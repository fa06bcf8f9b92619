package io.rowsweep.core.spi.job;

/**
 * What one chunk did.
 *
 * @param rows     rows read (or matched)
 * @param affected rows acted on: invalid (validate) or changed (update)
 * @param problems findings: violations
 * @param output   the job's output of the chunk, which its {@link ChunkSink} makes durable with the checkpoint (e.g. a spool of
 *                 violations), or null
 * @param <O>      the job's output type
 */
public record ChunkOutcome<O>(long rows, long affected, long problems, O output) {

    /** An outcome with no output. */
    public static <O> ChunkOutcome<O> of(long rows, long affected, long problems) {
        return new ChunkOutcome<>(rows, affected, problems, null);
    }
}
