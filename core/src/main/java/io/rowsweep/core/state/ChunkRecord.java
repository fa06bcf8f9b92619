package io.rowsweep.core.state;

import io.rowsweep.core.spi.job.Chunk;

/** A chunk's row in {@code rowsweep_chunk}. Times are epoch millis. */
public record ChunkRecord(Chunk chunk, ChunkStatus status, int attempts, String worker, long rows, long affected,
                          long problems, long startedAt, long finishedAt, String error, long sinkPosition) {
}
