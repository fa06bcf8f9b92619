package io.rowsweep.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A chunk that finished (done or failed).
 *
 * @param table    the table (or check) name
 * @param range    the key range, e.g. {@code (400000..410000]}
 * @param attempt  1 for the first try
 * @param error    null when done
 */
public record ChunkEvent(String table, int chunk, String range, String worker, Instant startedAt, Duration duration,
                         long rows, long affected, long problems, boolean done, int attempt, String error) {
}
