package io.rowsweep.update.internal;

import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.ChunkProcessor;
import io.rowsweep.update.RowChange;
import io.rowsweep.update.spi.RowFix;

import java.util.ArrayList;
import java.util.List;

/**
 * Java mode on one chunk: streams the chunk's rows (locked, in key order, unless a dry run), runs
 * the fix on each, and writes the changes as batches after the stream, in the chunk's transaction.
 * A dry run only counts the rows that would change and keeps the first few as samples.
 */
final class FixChunkUpdate implements ChunkProcessor<List<RowChange>> {

    private final FixTarget target;
    private final RowFix fix;
    private final ResultSetRow row;

    FixChunkUpdate(FixTarget target, RowFix fix) {
        this.target = target;
        this.fix = fix;
        this.row = new ResultSetRow(target.table(), target.columns());
    }

    /** The rows the fix sees: the engine locks them first, and only them. */
    @Override
    public String writeFilter() {
        return target.where();
    }

    @Override
    public ChunkOutcome<List<RowChange>> process(ChunkContext ctx) throws Exception {
        boolean dryRun = target.dryRun();
        PendingWrites writes = dryRun ? null : new PendingWrites(target.sql(), target.columnNames(), target.jdbcTypes());
        List<RowChange> samples = new ArrayList<>();
        long[] changed = {0};
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(target.classLoader());
        long streamed;
        try {
            streamed = ctx.forEachRow(target.selectColumns(), target.where(), !dryRun, rs -> {
                row.position(rs);
                apply();
                if (row.changed()) {
                    changed[0]++;
                    if (writes != null) {
                        writes.add(row);
                    } else if (samples.size() < target.sampleSize()) {
                        samples.add(row.toChange());
                    }
                }
            });
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (writes != null) {
            writes.write(ctx.connection());
        }
        long rows = target.where() == null ? streamed : ChunkQueries.rangeRows(ctx, target.sql());
        return new ChunkOutcome<>(rows, changed[0], 0, samples.isEmpty() ? null : samples);
    }

    private void apply() throws InterruptedException {
        try {
            fix.fix(row);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | LinkageError | AssertionError e) {
            throw new FixFailedException(target.fixName(), target.table().label(), row.describeKey(), e);
        }
    }
}
