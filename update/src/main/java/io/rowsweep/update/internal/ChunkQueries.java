package io.rowsweep.update.internal;

import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.RangeCondition;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs the update's statements on a chunk, with the chunk's range bound. */
final class ChunkQueries {

    private ChunkQueries() {
    }

    /** The numbers in the first row of {@code sql}, whose range placeholders are {@code range}'s. */
    static long[] longs(ChunkContext ctx, String sql, RangeCondition range, int columns) throws SQLException {
        try (PreparedStatement ps = ctx.connection().prepareStatement(sql)) {
            range.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long[] values = new long[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rs.getLong(i + 1);
                }
                return values;
            }
        }
    }

    /**
     * The rows of the chunk's key range: as planned when known (free), else counted. An update
     * with a WHERE reads only the rows it matches, but chunk sizing, progress and the rate limit
     * are about the range.
     */
    static long rangeRows(ChunkContext ctx, UpdateSql sql) throws SQLException {
        if (ctx.plannedRows() >= 0) {
            return ctx.plannedRows();
        }
        RangeCondition range = ctx.range();
        return longs(ctx, sql.countRange(range.sql()), range, 1)[0];
    }

    /** Runs {@code sql}, an update whose range placeholders are {@code range}'s; returns the rows it matched. */
    static int update(ChunkContext ctx, String sql, RangeCondition range) throws SQLException {
        try (PreparedStatement ps = ctx.connection().prepareStatement(sql)) {
            range.bind(ps, 1);
            return ps.executeUpdate();
        }
    }
}
