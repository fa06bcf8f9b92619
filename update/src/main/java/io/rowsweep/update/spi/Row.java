package io.rowsweep.update.spi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One row as a {@link RowFix} sees it: its values by column name (exact name first, else the only
 * case-insensitive match), its key, and what the fix wants to change. Getters return null for SQL
 * NULL. An unknown column name throws {@link IllegalArgumentException} listing the table's columns.
 */
public interface Row {

    /** The table as the user named it. */
    String table();

    /** The names of the key columns, in key order. */
    List<String> keyColumns();

    /** The key values, in key order. */
    List<Object> key();

    /** The value as the JDBC driver returns it ({@code getObject}). */
    Object get(String column);

    /** The value converted by the driver to {@code type} ({@code getObject(column, type)}). */
    <T> T get(String column, Class<T> type);

    String getString(String column);

    Integer getInt(String column);

    Long getLong(String column);

    Double getDouble(String column);

    BigDecimal getBigDecimal(String column);

    Boolean getBoolean(String column);

    LocalDate getDate(String column);

    LocalDateTime getTimestamp(String column);

    boolean isNull(String column);

    /**
     * Changes a column of this row ({@code null} sets SQL NULL). Setting the value the row already
     * has is no change; setting a column twice keeps the last value. Key columns cannot be set: a
     * row whose key changed could move into a chunk not yet processed and be fixed twice.
     *
     * @return this row, to chain several sets
     */
    Row set(String column, Object value);

    /** Deletes this row; forgets any {@link #set} on it. */
    void delete();
}
