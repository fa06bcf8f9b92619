package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.plan.ChunkSql;
import io.rowsweep.core.internal.plan.RowWidth;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.RangeCondition;
import io.rowsweep.core.spi.job.RowHandler;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The engine's {@link ChunkContext}: a chunk on a worker's connection, with the SQL of its table's chunks. */
final class RunningChunk implements ChunkContext {

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

    RunningChunk(Connection connection, Dialect dialect, Table table, Chunk chunk, ChunkSql sql, int fetchSize, BooleanSupplier abort,
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

    @Override
    public String job() {
        return job;
    }

    @Override
    public String stateSchema() {
        return stateSchema;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Table table() {
        return table;
    }

    @Override
    public Chunk chunk() {
        return chunk;
    }

    /** SQL of this table's chunks; null for a task run as one chunk over the whole table. */
    ChunkSql sql() {
        return sql;
    }

    @Override
    public RangeCondition range() {
        ChunkSql.Bound bound = sql == null ? ChunkSql.ALL_ROWS : sql.range(chunk.lo() != null, chunk.hi() != null);
        return new RangeCondition() {
            @Override
            public String sql() {
                return bound.sql();
            }

            @Override
            public int bind(PreparedStatement statement, int first) throws SQLException {
                return bindRange(statement, bound, first);
            }
        };
    }

    /** Binds this chunk's bounds to {@code bound}'s placeholders from index {@code first}; returns the next free index. */
    private int bindRange(PreparedStatement ps, ChunkSql.Bound bound, int first) throws SQLException {
        return bound.bind(ps, first, chunk.lo(), chunk.hi());
    }

    @Override
    public long plannedRows() {
        return plannedRows;
    }


    @Override
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

    @Override
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

    @Override
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
