package io.rowsweep.core.internal.plan;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.KeyKind;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where the next chunk of a table ends. With a key, it walks the key's index: the key
 * {@code rows} rows past the previous boundary is the next boundary ({@code ORDER BY key LIMIT 1
 * OFFSET rows-1}), so chunks hold {@code rows} rows however sparse or skewed the keys are, any
 * orderable key works (composite, text, UUID), and no key is ever held in memory but the
 * boundaries. Without a key (PostgreSQL {@code ctid}), chunks are ranges of heap pages.
 */
public final class KeyRangePlanner {

    private static final Pattern TID = Pattern.compile("\\((\\d+),(\\d+)\\)");

    private final Table table;
    private final ChunkSql sql;
    private final Dialect.RowLocator locator;

    public KeyRangePlanner(Dialect dialect, Table table) {
        this.table = table;
        this.sql = new ChunkSql(dialect, table.namespace(), table.name(), table.key());
        this.locator = table.key().kind() == KeyKind.ROW_LOCATOR ? dialect.rowLocator() : null;
    }

    public ChunkSql sql() {
        return sql;
    }

    /**
     * The inclusive upper boundary of the chunk that starts after {@code lo} and holds about
     * {@code rows} rows, or null when fewer rows than that remain: that chunk is the table's last
     * and is open-ended.
     */
    public String[] nextBoundary(Connection connection, String[] lo, int rows) throws SQLException {
        if (locator != null) {
            return nextPageBoundary(connection, lo, rows);
        }
        ChunkSql.Bound walk = sql.boundary(lo != null);
        try (PreparedStatement ps = connection.prepareStatement(walk.sql())) {
            walk.bindBoundary(ps, lo, Math.max(0, rows - 1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String[] key = new String[table.key().size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = rs.getString(i + 1);
                }
                if (Arrays.equals(key, lo)) {
                    // The walk asked for keys after lo and got lo back: its text does not name it exactly. Stop
                    // instead of planning the same chunk forever.
                    throw new RowSweepException(ErrorCode.CONFIGURATION, "Table '" + table.label() + "': the key after "
                            + Arrays.toString(lo) + " in " + table.key().describe() + " came back as the same text, so its type ("
                            + table.key().types() + ") cannot name its rows exactly. Split the table by another unique NOT NULL index.");
                }
                return key;
            }
        }
    }

    private String[] nextPageBoundary(Connection connection, String[] lo, int rows) throws SQLException {
        long firstPage = lo == null ? 0 : pageOf(lo[0]) + 1;
        long pages = locator.pages(connection, table.namespace(), table.name());
        double perPage = pages > 0 && table.estimatedRows() > 0 ? (double) table.estimatedRows() / pages : 50;
        long chunkPages = Math.max(1, Math.round(rows / Math.max(1.0, perPage)));
        long lastPage = firstPage + chunkPages - 1;
        if (lastPage >= pages - 1) {
            return null;
        }
        return new String[] {locator.lastOnPage(lastPage)};
    }

    static long pageOf(String tid) {
        Matcher m = TID.matcher(tid.trim());
        if (!m.matches()) {
            throw new IllegalStateException("not a tid: " + tid);
        }
        return Long.parseLong(m.group(1));
    }
}
