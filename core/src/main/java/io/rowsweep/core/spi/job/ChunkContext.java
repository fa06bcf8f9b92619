package io.rowsweep.core.spi.job;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * A chunk being processed: its connection (in the chunk's transaction, which the engine commits
 * with the checkpoint), its table and key range, and bounded-memory ways to read its rows.
 */
public interface ChunkContext {

    /** The name of the job the chunk belongs to. */
    String job();

    /** The schema of the job state tables, or null for the connection's current one; job output tables live there too. */
    String stateSchema();

    /** The worker's connection, in the chunk's transaction: do not commit, roll back or close it. */
    Connection connection();

    Dialect dialect();

    Table table();

    Chunk chunk();

    /** The condition selecting this chunk's rows ({@code 1=1} for a task run as one chunk over the whole table). */
    RangeCondition range();

    /**
     * The rows this chunk's range held when it was planned (the keyset walk puts exactly that many
     * keys in it), or -1 when unknown: the open-ended last chunk, a chunk redone after a crash or
     * a failure, a whole-table task. Lets a job that does not read every row of its range (an
     * UPDATE with a WHERE) report the range's size without counting it again.
     */
    long plannedRows();

    /** Whether the run is being stopped hard: a long chunk should give up (its transaction is rolled back). */
    boolean aborted();

    /**
     * Streams the chunk's rows in bounded memory: the key columns, then {@code columns}.
     *
     * @param columns    quoted column expressions
     * @param extraWhere an additional condition (trusted SQL), or null
     * @param forUpdate  lock the rows (in key order) for the rest of the chunk's transaction
     * @return the number of rows
     */
    long forEachRow(List<String> columns, String extraWhere, boolean forUpdate, RowHandler handler) throws Exception;

    /**
     * Runs {@code query} (parameters bound, not yet executed) and hands its rows to {@code handler}
     * in bounded memory: the fetch size follows the width of the rows, so a fetch of wide rows
     * stays within the worker's memory.
     *
     * @return the number of rows
     */
    long stream(PreparedStatement query, RowHandler handler) throws Exception;
}
