package io.rowsweep.core.internal.dialect;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.KeyPredicate;
import io.rowsweep.core.spi.KeyType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the built-in dialects share: identifier quoting, the two ways to compare key tuples (row
 * values unless overridden), and namespaces that are schemas unless overridden.
 */
abstract class BaseDialect implements Dialect {

    private final char quote;

    BaseDialect(char quote) {
        this.quote = quote;
    }

    @Override
    public String quote(String identifier) {
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("empty identifier");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /** The row-value form {@code (a, b) > (?, ?)}; MySQL and MariaDB need the expanded form instead. */
    @Override
    public KeyPredicate keyAfter(List<String> columns, List<KeyType> types) {
        return rowValue(columns, types, ">");
    }

    @Override
    public KeyPredicate keyAtMost(List<String> columns, List<KeyType> types) {
        return rowValue(columns, types, "<=");
    }

    /** Namespaces are schemas (PostgreSQL, H2); MySQL and MariaDB, where they are catalogs, override both. */
    @Override
    public String metadataCatalog(String namespace) {
        return null;
    }

    @Override
    public String metadataSchema(String namespace) {
        return namespace;
    }

    /**
     * {@code (a, b) > (?, ?)}: the row-value form, used where the planner turns it into an index
     * range. One operator compares every column, so it is the first column's type's.
     */
    static KeyPredicate rowValue(List<String> columns, List<KeyType> types, String op) {
        check(columns, types);
        int[] components = new int[columns.size()];
        for (int i = 0; i < components.length; i++) {
            components[i] = i;
        }
        String operator = types.get(0).operator(op);
        List<String> placeholders = types.stream().map(KeyType::placeholder).toList();
        if (columns.size() == 1) {
            return new KeyPredicate(columns.get(0) + " " + operator + " " + placeholders.get(0), components);
        }
        return new KeyPredicate("(" + String.join(", ", columns) + ") " + operator + " (" + String.join(", ", placeholders) + ")", components);
    }

    /**
     * The expanded form for engines whose optimizer does not range-scan row values, and for keys
     * whose columns compare with operators of different schemas: for {@code (a, b, c) > (x, y, z)}
     * it writes {@code a >= x AND (a > x OR (b >= y AND (b > y OR c > z)))}, which leads with a
     * plain range on the first key column.
     *
     * @param strict   {@code >} (or {@code <}) for the last column's operator
     * @param loose    {@code >=} (or {@code <=}) for the leading range on each earlier column
     * @param last     the last column's operator: {@code >} for "after", {@code <=} for "at most"
     */
    static KeyPredicate expanded(List<String> columns, List<KeyType> types, String strict, String loose, String last) {
        check(columns, types);
        List<Integer> components = new ArrayList<>();
        String sql = expand(columns, types, 0, strict, loose, last, components);
        return new KeyPredicate(sql, components.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String expand(List<String> columns, List<KeyType> types, int i,
                                 String strict, String loose, String last, List<Integer> components) {
        String column = columns.get(i);
        KeyType type = types.get(i);
        String placeholder = type.placeholder();
        if (i == columns.size() - 1) {
            components.add(i);
            return column + " " + type.operator(last) + " " + placeholder;
        }
        components.add(i);
        components.add(i);
        String rest = expand(columns, types, i + 1, strict, loose, last, components);
        return column + " " + type.operator(loose) + " " + placeholder + " AND (" + column + " " + type.operator(strict) + " "
                + placeholder + " OR (" + rest + "))";
    }

    private static void check(List<String> columns, List<KeyType> types) {
        if (columns.isEmpty() || columns.size() != types.size()) {
            throw new IllegalArgumentException("need one key type per key column: " + columns + " / " + types);
        }
    }

    /** What a catalog query does with each row. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs a catalog query whose two parameters are the namespace and the table, handing each row to {@code reader}. */
    static void forEachRowOf(Connection connection, String sql, String namespace, String table, RowReader reader) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, namespace);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    @Override
    public boolean isTransient(SQLException error) {
        return anyCause(error, t -> t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException || t instanceof java.io.IOException
                || t instanceof SQLException && isTransientState((SQLException) t));
    }

    /**
     * A lock timeout of 1 ms, the least PostgreSQL and H2 take (0 turns PostgreSQL's off), which have
     * no NOWAIT for an UPDATE; MySQL and MariaDB override it.
     */
    @Override
    public boolean applyNoLockWait(Connection connection) throws SQLException {
        applyLockTimeout(connection, Duration.ofMillis(1));
        return true;
    }

    @Override
    public boolean isLockConflict(SQLException error) {
        return anyCause(error, t -> t instanceof SQLException && isLockConflictState((SQLException) t));
    }

    /** Whether {@code error}, an exception it chains or one of their causes is {@code wanted}. */
    private static boolean anyCause(SQLException error, java.util.function.Predicate<Throwable> wanted) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = next(t)) {
            if (wanted.test(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException && ((SQLException) t).getNextException() != null) {
            return ((SQLException) t).getNextException();
        }
        return t.getCause();
    }

    /** The SQLState (or vendor code) of a lock not granted: the engine-specific part of {@link #isLockConflict}. */
    boolean isLockConflictState(SQLException e) {
        return false;
    }

    /** SQLStates (and vendor codes) that mean "try again": the engine-specific part of {@link #isTransient}. */
    boolean isTransientState(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.equals("HYT00"));
    }
}
