package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.plan.Chunk;
import io.rowsweep.core.internal.plan.ChunkSql;
import io.rowsweep.core.internal.plan.RowWidth;
import io.rowsweep.core.internal.schema.Table;
import io.rowsweep.core.spi.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A chunk being processed: its connection (in a transaction), table, range, and the SQL to reach its rows. */
public final class ChunkContext {

    private final Connection connection;
    private final Dialect dialect;
    private final Table table;
    private final Chunk chunk;
    private final ChunkSql sql;
    private final int fetchSize;
    private final BooleanSupplier abort;
    private final long plannedRows;
    private final String job;
    private final String stateSchema;
    private final RowWidth width;

    ChunkContext(Connection connection, Dialect dialect, Table table, Chunk chunk, ChunkSql sql, int fetchSize, BooleanSupplier abort,
                 long plannedRows, String job, String stateSchema, RowWidth width) {
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.chunk = chunk;
        this.sql = sql;
        this.fetchSize = fetchSize;
        this.abort = abort;
        this.plannedRows = plannedRows;
        this.job = job;
        this.stateSchema = stateSchema;
        this.width = width;
    }

    /** The name of the job the chunk belongs to. */
    public String job() {
        return job;
    }

    /** The schema of the job state tables, or null for the connection's current one; job output tables live there too. */
    public String stateSchema() {
        return stateSchema;
    }

    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Table table() {
        return table;
    }

    public Chunk chunk() {
        return chunk;
    }

    /** SQL of this table's chunks; null for a task run as one chunk over the whole table. */
    public ChunkSql sql() {
        return sql;
    }

    /** The condition selecting this chunk's rows ({@code 1=1} for a whole-table task); bind it with {@link #bindRange}. */
    public ChunkSql.Bound range() {
        return sql == null ? ChunkSql.ALL_ROWS : sql.range(chunk.lo() != null, chunk.hi() != null);
    }

    /** Binds this chunk's bounds to {@code bound}'s placeholders from index {@code first}; returns the next free index. */
    public int bindRange(PreparedStatement ps, ChunkSql.Bound bound, int first) throws SQLException {
        return bound.bind(ps, first, chunk.lo(), chunk.hi());
    }

    /**
     * The rows this chunk's range held when it was planned (the keyset walk puts exactly that many
     * keys in it), or -1 when unknown: the open-ended last chunk, a chunk redone after a crash or
     * a failure, a whole-table task. Lets a job that does not read every row of its range (an
     * UPDATE with a WHERE) report the range's size without counting it again.
     */
    public long plannedRows() {
        return plannedRows;
    }


    /** Whether the run is being stopped hard: a long chunk should give up (its transaction is rolled back). */
    public boolean aborted() {
        return abort.getAsBoolean();
    }

    /**
     * Locks the rows of this chunk's range that {@code filter} selects, in key order, without
     * waiting: fails with the database's lock conflict ({@link Dialect#isLockConflict}) at once
     * when another transaction holds one of them.
     *
     * @param filter a condition (trusted SQL) on the range's rows, or null for all
     * @return the rows locked
     */
    long lockRows(String filter) throws SQLException {
        ChunkSql.Bound lock = sql.lock(chunk.lo() != null, chunk.hi() != null, filter);
        long rows = 0;
        try (PreparedStatement ps = connection.prepareStatement(lock.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            dialect.configureStreaming(ps, fetchSize);
            bindRange(ps, lock, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
        }
        return rows;
    }

    /**
     * Streams the chunk's rows in bounded memory: the key columns, then {@code columns}.
     *
     * @param columns    quoted column expressions
     * @param extraWhere an additional condition (trusted SQL), or null
     * @param forUpdate  lock the rows (in key order) for the rest of the chunk's transaction
     * @return the number of rows
     */
    public long forEachRow(List<String> columns, String extraWhere, boolean forUpdate, RowHandler handler) throws Exception {
        ChunkSql.Bound select = sql.select(columns, chunk.lo() != null, chunk.hi() != null, extraWhere, forUpdate, forUpdate);
        long rows = 0;
        boolean unordered = !forUpdate;
        if (unordered) {
            dialect.beforeRangeScan(connection);
        }
        try (PreparedStatement ps = connection.prepareStatement(select.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            bindRange(ps, select, 1);
            rows = stream(ps, handler);
        }
        if (unordered) {
            dialect.afterRangeScan(connection);
        }
        return rows;
    }

    /**
     * Runs {@code query} (parameters bound, not yet executed) and hands its rows to {@code handler} in
     * bounded memory: the fetch size follows the width of the rows ({@link RowWidth}), so a fetch of
     * wide rows stays within the worker's memory. Checks for a hard stop every 1,024 rows.
     *
     * @return the number of rows
     */
    public long stream(PreparedStatement query, RowHandler handler) throws Exception {
        int fetch = width.fetchRows(fetchSize);
        dialect.configureStreaming(query, fetch);
        long rows = 0;
        try (ResultSet rs = query.executeQuery()) {
            RowMeter meter = null;
            while (rs.next()) {
                handler.row(rs);
                if (rows % RowWidth.SAMPLE_EVERY == 0) {
                    meter = meter == null ? new RowMeter(rs.getMetaData()) : meter;
                    width.record(meter.measure(rs));
                    int wanted = width.fetchRows(fetchSize);
                    if (wanted != fetch) {
                        dialect.changeFetchSize(rs, wanted);
                        fetch = wanted;
                    }
                }
                if ((++rows & 1023) == 0 && aborted()) {
                    throw new InterruptedException("run aborted");
                }
            }
        }
        return rows;
    }
}
