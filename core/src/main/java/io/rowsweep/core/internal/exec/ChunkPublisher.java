package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.plan.Chunk;

/**
 * Makes a chunk's output durable together with its checkpoint. A file sink, for instance, appends
 * the chunk's violations, then commits the checkpoint with the file's new length; a resumed run
 * truncates the file to the largest committed length, so output is neither lost nor duplicated.
 */
public interface ChunkPublisher {

    /** Publishes nothing: commits the checkpoint only. */
    ChunkPublisher DIRECT = (chunk, outcome, checkpoint) -> checkpoint.commit(-1);

    /**
     * Publishes {@code outcome}; must call {@code checkpoint.commit(position)} exactly once, and if
     * that throws, undo what it published before rethrowing.
     */
    void publish(Chunk chunk, ChunkOutcome outcome, Checkpoint checkpoint) throws Exception;

    /** The chunk's transaction rolled back: drop its output. */
    default void discard(ChunkOutcome outcome) {
    }

    /** Writes the chunk's checkpoint (with a sink position, or -1) and commits its transaction. */
    @FunctionalInterface
    interface Checkpoint {
        void commit(long sinkPosition) throws Exception;
    }
}
