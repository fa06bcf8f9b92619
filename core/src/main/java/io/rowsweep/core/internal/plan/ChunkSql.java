package io.rowsweep.core.internal.plan;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.KeyPredicate;
import io.rowsweep.core.spi.schema.Key;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SQL of key-range chunks for one table: the boundary walk and the range condition
 * that selects (or updates) one chunk's rows. Pure: strings in, strings out, so it is tested
 * without a database; {@link Bound} binds the values afterwards.
 */
public final class ChunkSql {

    /** The condition of a task run as one chunk over the whole table. */
    public static final Bound ALL_ROWS = new Bound("1=1", List.of(), false);

    private final Dialect dialect;
    private final String table;
    private final Key key;
    private final String orderBy;

    public ChunkSql(Dialect dialect, String namespace, String tableName, Key key) {
        this.dialect = dialect;
        this.table = dialect.qualify(namespace, tableName);
        this.key = key;
        this.orderBy = String.join(", ", key.expressions());
    }

    /** The qualified, quoted table name. */
    public String table() {
        return table;
    }

    public Key key() {
        return key;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * The keyset walk: the key of the row {@code ?} rows past {@code lo} (exclusive) in key order.
     * Reads the key's index only; never loads keys into memory.
     */
    public Bound boundary(boolean hasLo) {
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", key.namedReads(dialect::quote))).append(" FROM ").append(table);
        List<int[]> binds = new ArrayList<>();
        if (hasLo) {
            KeyPredicate after = dialect.keyAfter(key.expressions(), key.types());
            sql.append(" WHERE ").append(after.sql());
            addBinds(binds, Side.LO, after);
        }
        sql.append(" ORDER BY ").append(orderBy).append(' ').append(dialect.limitOneAtOffset());
        return new Bound(sql.toString(), binds, true);
    }

    /** The condition selecting the rows of a chunk, e.g. {@code ("id") > ? AND ("id") <= ?}; {@code 1=1} for a whole table. */
    public Bound range(boolean hasLo, boolean hasHi) {
        List<String> parts = new ArrayList<>();
        List<int[]> binds = new ArrayList<>();
        if (hasLo) {
            KeyPredicate after = dialect.keyAfter(key.expressions(), key.types());
            parts.add(wrap(after.sql()));
            addBinds(binds, Side.LO, after);
        }
        if (hasHi) {
            KeyPredicate atMost = dialect.keyAtMost(key.expressions(), key.types());
            parts.add(wrap(atMost.sql()));
            addBinds(binds, Side.HI, atMost);
        }
        return new Bound(parts.isEmpty() ? "1=1" : String.join(" AND ", parts), binds, false);
    }

    /**
     * A SELECT of the key columns followed by {@code columns} for the rows of a chunk, then the
     * key's text where a key column does not read as itself ({@link Key#textIndexes}).
     *
     * @param columns    quoted column expressions to select after the key
     * @param extraWhere an additional condition (trusted SQL) or null
     * @param ordered    add ORDER BY key (needed when rows are locked, to lock in index order)
     * @param forUpdate  lock the selected rows
     */
    public Bound select(List<String> columns, boolean hasLo, boolean hasHi, String extraWhere, boolean ordered, boolean forUpdate) {
        return rows(columns, hasLo, hasHi, extraWhere, ordered, forUpdate ? dialect.forUpdate() : null);
    }

    /**
     * Locks the rows of a chunk in key order without waiting for any: the statement fails at once
     * when another transaction holds one of them ({@link Dialect#forUpdateNoWait}), so the rows
     * locked before that are released by the rollback that follows, not held while waiting.
     *
     * @param extraWhere the rows of the range the chunk writes (trusted SQL), or null for all
     */
    public Bound lock(boolean hasLo, boolean hasHi, String extraWhere) {
        return rows(List.of(), hasLo, hasHi, extraWhere, true, dialect.forUpdateNoWait());
    }

    private Bound rows(List<String> columns, boolean hasLo, boolean hasHi, String extraWhere, boolean ordered, String lockClause) {
        Bound range = range(hasLo, hasHi);
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", key.expressions()));
        for (String c : columns) {
            sql.append(", ").append(c);
        }
        List<String> extra = key.extraReads();
        for (int i = 0; i < extra.size(); i++) {
            // Named apart: PostgreSQL names "k"::text "k" too, which would make ORDER BY "k" ambiguous.
            sql.append(", ").append(extra.get(i)).append(" AS ").append(dialect.quote(Key.READ_NAME + (i + 1)));
        }
        sql.append(" FROM ").append(table).append(" WHERE ").append(range.sql());
        if (extraWhere != null && !extraWhere.isBlank()) {
            sql.append(" AND (").append(extraWhere).append(')');
        }
        if (ordered) {
            sql.append(" ORDER BY ").append(orderBy);
        }
        if (lockClause != null) {
            sql.append(' ').append(lockClause);
        }
        return new Bound(sql.toString(), range.binds, false);
    }

    private static String wrap(String condition) {
        return condition.contains(" OR ") ? "(" + condition + ")" : condition;
    }

    private static void addBinds(List<int[]> binds, Side side, KeyPredicate predicate) {
        for (int i = 0; i < predicate.parameterCount(); i++) {
            binds.add(new int[] {side.ordinal(), predicate.component(i)});
        }
    }

    private enum Side { LO, HI }

    /** SQL with placeholders, and how to bind a chunk's bounds to them. */
    public static final class Bound {
        private final String sql;
        private final List<int[]> binds;
        private final boolean trailingOffset;

        Bound(String sql, List<int[]> binds, boolean trailingOffset) {
            this.sql = sql;
            this.binds = List.copyOf(binds);
            this.trailingOffset = trailingOffset;
        }

        public String sql() {
            return sql;
        }

        /** Number of placeholders for key values (a boundary query has one more, for the offset). */
        public int keyParameterCount() {
            return binds.size();
        }

        /**
         * Binds {@code lo} and {@code hi} starting at parameter {@code first}; returns the next free index.
         */
        public int bind(PreparedStatement ps, int first, String[] lo, String[] hi) throws SQLException {
            int index = first;
            for (int[] b : binds) {
                String[] side = b[0] == Side.LO.ordinal() ? lo : hi;
                ps.setString(index++, side[b[1]]); // the key's text; the placeholder casts it to the column's type
            }
            return index;
        }

        /** For a boundary query: binds {@code lo} and the offset. */
        public void bindBoundary(PreparedStatement ps, String[] lo, long offset) throws SQLException {
            if (!trailingOffset) {
                throw new IllegalStateException("not a boundary query");
            }
            int next = bind(ps, 1, lo, null);
            ps.setLong(next, offset);
        }

        @Override
        public String toString() {
            return sql;
        }
    }
}
