package io.rowsweep.core;

/**
 * Receives a run's progress. Callbacks come from worker threads ({@link #chunkStarted},
 * {@link #chunkFinished}) and from
 * the coordinator thread ({@link #progress}, every progress interval): implementations must be
 * thread-safe and quick.
 */
public interface ProgressListener {

    /** The run has planned its tables and its workers are starting. */
    default void started(Progress progress) {
    }

    /** A periodic snapshot (about twice a second). */
    default void progress(Progress progress) {
    }

    /** A worker starts on a chunk; see {@link ChunkStart} for when {@link #chunkFinished} follows. */
    default void chunkStarted(ChunkStart start) {
    }

    /** A chunk finished, done or failed. */
    default void chunkFinished(ChunkEvent event) {
    }

    /** The run ended; the final snapshot. */
    default void finished(Progress progress, RunSummary summary) {
    }
}
