package io.rowsweep.core.engine;

import io.rowsweep.core.internal.plan.KeyCodec;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test job that streams each chunk's rows (the read path validate uses) and records every key
 * it saw in a {@code seen} table, in the chunk's transaction. With {@code record=false} it only
 * counts, for memory tests over millions of rows.
 */
public final class StreamKeysJob implements SweepJob<Void> {

    private final List<String> tables;
    private final boolean record;
    public final AtomicLong checksum = new AtomicLong();

    public StreamKeysJob(List<String> tables, boolean record) {
        this.tables = List.copyOf(tables);
        this.record = record;
    }

    @Override
    public String kind() {
        return "stream";
    }

    @Override
    public String spec() {
        return "{\"tables\":\"" + String.join(",", tables) + "\",\"record\":" + record + "}";
    }

    @Override
    public List<String> tables() {
        return tables;
    }

    @Override
    public List<SweepTask<Void>> prepare(Table table, Connection connection, Dialect dialect) {
        List<String> columns = new ArrayList<>();
        for (var c : table.columns()) {
            if (!table.key().names().contains(c.name())) {
                columns.add(dialect.quote(c.name()));
            }
        }
        int[] keyText = table.key().textIndexes(columns.size());
        return List.of(new SweepTask<>(table.label(), table, table.key(), table.estimatedRows(), () -> ctx -> {
            List<String> keys = new ArrayList<>();
            long rows = ctx.forEachRow(columns, null, false, rs -> {
                if (record) {
                    keys.add(KeyCodec.encode(io.rowsweep.core.spi.schema.Key.read(rs, keyText)));
                } else {
                    checksum.addAndGet(rs.getLong(1));
                }
            });
            // Written after the stream closed: MariaDB Connector/J would buffer the rest of a result otherwise.
            if (record && !keys.isEmpty()) {
                try (PreparedStatement ps = ctx.connection().prepareStatement("INSERT INTO seen (tbl, k) VALUES (?, ?)")) {
                    for (String k : keys) {
                        ps.setString(1, table.label());
                        ps.setString(2, k);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return ChunkOutcome.of(rows, 0, 0);
        }, false));
    }

    @Override
    public boolean rerunsWhenFinished() {
        return true;
    }
}
