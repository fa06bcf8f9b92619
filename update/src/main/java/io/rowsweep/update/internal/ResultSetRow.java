package io.rowsweep.update.internal;

import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.update.RowChange;
import io.rowsweep.update.spi.Row;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@link Row} a fix sees: a view of the streamed result set's current row (key columns first,
 * then the other columns), plus the changes the fix asked for. One instance per worker, moved from
 * row to row, so reading a row allocates only what the fix itself asks for.
 */
final class ResultSetRow implements Row {

    private final String table;
    private final List<String> names;
    private final List<String> keyColumns;
    private final int keySize;
    /** Where the key's exact text is in the result set ({@link Key#textIndexes}). */
    private final int[] keyText;
    /** Per column, how its value is read. */
    private final Getter<?>[] readers;
    private final Map<String, Integer> exact = new HashMap<>();
    /** Lower-case name to index; -1 when two columns differ only in case. */
    private final Map<String, Integer> folded = new HashMap<>();

    private ResultSet rs;
    private boolean deleted;
    private int changes;
    private final int[] changedColumns;
    private final Object[] newValues;
    private final Object[] oldValues;

    /** @param columns every column in result set order: the key columns, then the rest */
    ResultSetRow(Table table, List<Column> columns) {
        this.table = table.label();
        this.names = columns.stream().map(Column::name).collect(Collectors.toUnmodifiableList());
        this.keyColumns = table.key().names();
        this.keySize = keyColumns.size();
        this.keyText = table.key().textIndexes(columns.size() - keySize);
        this.readers = columns.stream().map(ResultSetRow::reader).toArray(Getter<?>[]::new);
        for (int i = 0; i < names.size(); i++) {
            exact.put(names.get(i), i);
            folded.merge(names.get(i).toLowerCase(Locale.ROOT), i, (a, b) -> -1);
        }
        this.changedColumns = new int[names.size()];
        this.newValues = new Object[names.size()];
        this.oldValues = new Object[names.size()];
    }

    /** Moves to the result set's current row and forgets the previous row's changes. */
    void position(ResultSet row) {
        this.rs = row;
        this.deleted = false;
        Arrays.fill(newValues, 0, changes, null);
        Arrays.fill(oldValues, 0, changes, null);
        this.changes = 0;
    }

    boolean changed() {
        return deleted || changes > 0;
    }

    boolean deleted() {
        return deleted;
    }

    int changeCount() {
        return changes;
    }

    /** The column index (in {@link #names}) of the {@code i}-th change, in the order the fix made them. */
    int changedColumn(int i) {
        return changedColumns[i];
    }

    Object newValue(int i) {
        return newValues[i];
    }

    /** The key as the database's exact text, for binding back through the key's casts. */
    String[] keyText() throws SQLException {
        return Key.read(rs, keyText);
    }

    /** The row's key as people read it, for messages. */
    String describeKey() {
        try {
            return RowChange.describeKey(keyColumns, key());
        } catch (RuntimeException e) {
            return "(key unreadable: " + e.getMessage() + ")";
        }
    }

    RowChange toChange() {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        for (int i = 0; i < changes; i++) {
            before.put(names.get(changedColumns[i]), oldValues[i]);
            after.put(names.get(changedColumns[i]), newValues[i]);
        }
        return new RowChange(table, keyColumns, key(), before, after, deleted);
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> keyColumns() {
        return keyColumns;
    }

    @Override
    public List<Object> key() {
        List<Object> key = new ArrayList<>(keySize);
        for (int i = 0; i < keySize; i++) {
            key.add(read(i));
        }
        return Collections.unmodifiableList(key);
    }

    @Override
    public Object get(String column) {
        return read(index(column));
    }

    @Override
    public <T> T get(String column, Class<T> type) {
        return read(column, (rs, i) -> rs.getObject(i, type));
    }

    @Override
    public String getString(String column) {
        return read(column, ResultSet::getString);
    }

    @Override
    public Integer getInt(String column) {
        return read(column, ResultSet::getInt);
    }

    @Override
    public Long getLong(String column) {
        return read(column, ResultSet::getLong);
    }

    @Override
    public Double getDouble(String column) {
        return read(column, ResultSet::getDouble);
    }

    @Override
    public BigDecimal getBigDecimal(String column) {
        return read(column, ResultSet::getBigDecimal);
    }

    @Override
    public Boolean getBoolean(String column) {
        return read(column, ResultSet::getBoolean);
    }

    @Override
    public LocalDate getDate(String column) {
        return get(column, LocalDate.class);
    }

    @Override
    public LocalDateTime getTimestamp(String column) {
        return get(column, LocalDateTime.class);
    }

    /** Reads a column with one of the driver's getters; SQL NULL is null (not the 0 or false primitive getters return). */
    private <T> T read(String column, Getter<T> getter) {
        int i = index(column);
        try {
            T value = getter.get(rs, i + 1);
            return rs.wasNull() ? null : value;
        } catch (SQLException e) {
            throw unreadable(names.get(i), e);
        }
    }

    /** A {@link ResultSet} getter by column index. */
    @FunctionalInterface
    private interface Getter<T> {
        T get(ResultSet rs, int index) throws SQLException;
    }

    @Override
    public boolean isNull(String column) {
        return read(index(column)) == null;
    }

    @Override
    public Row set(String column, Object value) {
        int c = index(column);
        if (c < keySize) {
            throw new IllegalArgumentException("column '" + names.get(c) + "' is part of the key of " + table + " and cannot be"
                    + " changed by an update: a row whose key changes could move into a chunk not yet processed and be fixed twice");
        }
        if (deleted) {
            throw new IllegalStateException("the row was deleted; it cannot be changed any more");
        }
        int at = 0;
        while (at < changes && changedColumns[at] != c) {
            at++;
        }
        Object old = at < changes ? oldValues[at] : read(c);
        if (sameValue(old, value)) {
            if (at < changes) {
                remove(at);
            }
            return this;
        }
        if (at == changes) {
            changedColumns[at] = c;
            oldValues[at] = old;
            changes++;
        }
        newValues[at] = value;
        return this;
    }

    @Override
    public void delete() {
        position(rs);
        deleted = true;
    }

    private void remove(int at) {
        int tail = changes - at - 1;
        System.arraycopy(changedColumns, at + 1, changedColumns, at, tail);
        System.arraycopy(oldValues, at + 1, oldValues, at, tail);
        System.arraycopy(newValues, at + 1, newValues, at, tail);
        changes--;
        oldValues[changes] = null;
        newValues[changes] = null;
    }

    private Object read(int column) {
        try {
            Object value = readers[column].get(rs, column + 1);
            return rs.wasNull() ? null : value;
        } catch (SQLException e) {
            throw unreadable(names.get(column), e);
        }
    }

    /**
     * How a column is read: dates and times as java.time values read exactly as stored, never
     * through the JVM's time zone (a {@code java.sql.Timestamp} cannot hold a local time that
     * the JVM's zone skips); the rest as the driver returns it.
     */
    private static Getter<?> reader(Column c) {
        String base = c.baseType() == null ? "" : c.baseType();
        if (base.equals("timestamptz") || base.endsWith("with time zone")) {
            Class<?> type = base.startsWith("time with") ? java.time.OffsetTime.class : OffsetDateTime.class;
            return (rs, i) -> rs.getObject(i, type);
        }
        if (base.startsWith("timestamp") || base.equals("datetime")) {
            return (rs, i) -> rs.getObject(i, LocalDateTime.class);
        }
        switch (base) {
            case "timetz":
                return (rs, i) -> rs.getObject(i, java.time.OffsetTime.class);
            case "date":
                return (rs, i) -> rs.getObject(i, LocalDate.class);
            case "time":
                return (rs, i) -> {
                    String text = rs.getString(i);
                    try {
                        return text == null ? null : rs.getObject(i, LocalTime.class);
                    } catch (SQLException e) {
                        return text; // MariaDB TIME is a duration: beyond 24 hours or negative it is no time of day
                    }
                };
            default:
                return ResultSet::getObject;
        }
    }

    private int index(String column) {
        Integer i = exact.get(column);
        if (i == null) {
            i = folded.get(column.toLowerCase(Locale.ROOT));
        }
        if (i == null || i < 0) {
            throw new IllegalArgumentException(table + " has no column '" + column + "'" + (i == null ? "" : " (several differ only in case)")
                    + "; its columns: " + String.join(", ", names));
        }
        return i;
    }

    private IllegalArgumentException unreadable(String column, SQLException e) {
        return new IllegalArgumentException("cannot read column '" + column + "' of " + table + ": " + e.getMessage(), e);
    }

    /** Whether writing {@code now} would leave the value as it is: numbers compare by value (4.2 equals 4.20). */
    static boolean sameValue(Object old, Object now) {
        if (old == null || now == null) {
            return old == now;
        }
        Object a = comparable(old);
        Object b = comparable(now);
        if (a instanceof Number && b instanceof Number) {
            BigDecimal x = decimal((Number) a);
            BigDecimal y = decimal((Number) b);
            return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        return a.equals(b);
    }

    /** A fix may give a {@code java.sql} date or time where the row holds a {@code java.time} one: compare their fields. */
    private static Object comparable(Object v) {
        if (v instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) v).toLocalDateTime();
        }
        if (v instanceof java.sql.Date) {
            return ((java.sql.Date) v).toLocalDate();
        }
        if (v instanceof java.sql.Time) {
            return ((java.sql.Time) v).toLocalTime();
        }
        return v;
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
