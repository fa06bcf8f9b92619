package io.rowsweep.core.spi.job;

import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.spi.schema.Table;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One thing to sweep: a table's rows in key-range chunks, or a set-based check.
 *
 * @param name          unique within the job; used in job state, progress and reports (the table's name, or e.g. {@code posts unique(slug)})
 * @param table         the table
 * @param chunkKey      the key to split by (usually the table's); null runs the task as one chunk over the whole table
 * @param estimatedRows rows the task will go through, for ordering (largest first) and the ETA
 * @param processors    makes one processor per worker thread (processors need not be thread-safe)
 * @param locksRows     whether chunks lock rows, so a lock timeout applies
 * @param holdsRows     whether a chunk keeps what it read of its rows until it ends (a Java fix's changes, written when the
 *                      chunk's rows have streamed), so a chunk may hold only as many rows as a worker's memory takes
 * @param <O>           the job's output type
 */
public record SweepTask<O>(String name, Table table, Key chunkKey, long estimatedRows, Supplier<? extends ChunkProcessor<O>> processors, boolean locksRows,
                        boolean holdsRows) {

    /** A task whose chunks stream their rows without keeping them. */
    public SweepTask(String name, Table table, Key chunkKey, long estimatedRows, Supplier<? extends ChunkProcessor<O>> processors, boolean locksRows) {
        this(name, table, chunkKey, estimatedRows, processors, locksRows, false);
    }

    public SweepTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(processors, "processors");
    }
}
