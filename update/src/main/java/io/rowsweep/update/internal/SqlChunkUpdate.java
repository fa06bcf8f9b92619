package io.rowsweep.update.internal;

import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.ChunkProcessor;
import io.rowsweep.core.spi.job.RangeCondition;
import io.rowsweep.update.RowChange;

import java.util.List;

/**
 * SQL mode on one chunk: {@code UPDATE t SET <set> WHERE (<where>) AND <range>}, or for a dry run
 * a count of the rows it would match. A chunk's row count is the rows in its key range (not only
 * those {@code where} matches), so chunk sizes adapt to the time a range takes.
 */
final class SqlChunkUpdate implements ChunkProcessor<List<RowChange>> {

    private final UpdateSql sql;
    private final String set;
    private final String where;
    private final boolean dryRun;

    SqlChunkUpdate(UpdateSql sql, String set, String where, boolean dryRun) {
        this.sql = sql;
        this.set = set;
        this.where = where;
        this.dryRun = dryRun;
    }

    /** The rows the UPDATE matches: where the engine locks them first (a MySQL server), it locks only them. */
    @Override
    public String writeFilter() {
        return where;
    }

    /** The UPDATE locks its rows as it writes them; a dry run locks none. */
    @Override
    public boolean writesInOneStatement() {
        return true;
    }

    @Override
    public ChunkOutcome<List<RowChange>> process(ChunkContext ctx) throws Exception {
        RangeCondition range = ctx.range();
        if (dryRun) {
            long[] counts = ChunkQueries.longs(ctx, sql.countMatches(where, range.sql()), range, 2);
            return ChunkOutcome.of(counts[0], counts[1], 0);
        }
        int updated = ChunkQueries.update(ctx, sql.update(set, where, range.sql()), range);
        // Without a where the update touches every row of the range, so it counted them itself.
        return ChunkOutcome.of(where == null ? updated : ChunkQueries.rangeRows(ctx, sql), updated, 0);
    }
}
