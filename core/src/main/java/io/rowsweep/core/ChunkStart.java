package io.rowsweep.core;

import java.time.Instant;

/**
 * A chunk a worker starts on. The same worker thread reports it with
 * {@link ProgressListener#chunkFinished} when the chunk is done or failed, after any retries; a
 * chunk the run stops in the middle of, or that another process finished meanwhile, is not
 * reported again (it is redone, or counted, elsewhere).
 *
 * @param table the table (or check) name
 * @param range the key range, e.g. {@code (400000..410000]}
 */
public record ChunkStart(String table, int chunk, String range, String worker, Instant startedAt) {
}
