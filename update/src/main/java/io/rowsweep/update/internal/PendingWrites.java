package io.rowsweep.update.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes a fix made to one chunk's rows, collected while the rows stream (MariaDB Connector/J
 * cannot run a second statement mid-stream) and written afterwards as JDBC batches in the chunk's
 * transaction: one {@code UPDATE ... WHERE key = ?} per set of changed columns, one
 * {@code DELETE}. Memory is bounded by the chunk size (max-chunk-rows).
 */
final class PendingWrites {

    /** Rows per {@code executeBatch}: large enough to amortise round trips, small enough to keep driver buffers modest. */
    static final int BATCH_SIZE = 1_000;

    private final UpdateSql sql;
    private final List<String> names;
    private final int[] jdbcTypes;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** The keys of deleted rows, as text. */
    private final List<Object[]> deletes = new ArrayList<>();
    private Group last;
    private final int[] scratch;

    /** Rows that change the same columns: one statement, one batch. */
    private static final class Group {
        final int[] columns;
        final List<Object[]> rows = new ArrayList<>();

        Group(int[] columns) {
            this.columns = columns;
        }
    }

    /**
     * @param names     the columns in {@link ResultSetRow} order
     * @param jdbcTypes per column, the type SQL NULL is bound as
     */
    PendingWrites(UpdateSql sql, List<String> names, int[] jdbcTypes) {
        this.sql = sql;
        this.names = names;
        this.jdbcTypes = jdbcTypes.clone();
        this.scratch = new int[jdbcTypes.length];
    }

    /** Records the current row's changes; the row must have {@link ResultSetRow#changed() changed}. */
    void add(ResultSetRow row) throws SQLException {
        String[] key = row.keyText();
        if (row.deleted()) {
            deletes.add(key);
            return;
        }
        int n = row.changeCount();
        for (int i = 0; i < n; i++) {
            scratch[i] = row.changedColumn(i);
        }
        Group group = groupOf(n);
        // One array per row: the new values in the group's column order, then the key.
        Object[] values = new Object[n + key.length];
        for (int i = 0; i < n; i++) {
            values[i] = row.newValue(i);
        }
        System.arraycopy(key, 0, values, n, key.length);
        group.rows.add(values);
    }

    /**
     * The group for the columns in {@code scratch[0..n)}, in the order the fix set them; most
     * fixes change the same columns in the same order on every row, so the last group usually fits.
     */
    private Group groupOf(int n) {
        if (last != null && last.columns.length == n && Arrays.equals(last.columns, 0, n, scratch, 0, n)) {
            return last;
        }
        int[] columns = Arrays.copyOf(scratch, n);
        last = groups.computeIfAbsent(Arrays.toString(columns), k -> new Group(columns));
        return last;
    }

    /** Writes everything in the caller's transaction; returns the rows written. */
    long write(Connection c) throws SQLException {
        long written = 0;
        for (Group g : groups.values()) {
            List<String> columns = new ArrayList<>(g.columns.length);
            for (int column : g.columns) {
                columns.add(names.get(column));
            }
            written += batch(c, sql.updateByKey(columns), g.rows, g.columns);
        }
        written += batch(c, sql.deleteByKey(), deletes, new int[0]);
        return written;
    }

    private long batch(Connection c, String statement, List<Object[]> rows, int[] columns) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            int pending = 0;
            for (Object[] values : rows) {
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    if (i >= columns.length) {
                        ps.setString(i + 1, (String) v); // the key's text, cast back to its type by the placeholder
                    } else if (v == null) {
                        ps.setNull(i + 1, jdbcTypes[columns[i]]);
                    } else {
                        ps.setObject(i + 1, v);
                    }
                }
                ps.addBatch();
                if (++pending == BATCH_SIZE) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return rows.size();
    }
}
