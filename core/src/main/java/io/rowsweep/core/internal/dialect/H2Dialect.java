package io.rowsweep.core.internal.dialect;

import io.rowsweep.core.spi.ColumnType;
import io.rowsweep.core.spi.KeyType;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** H2, for tests and embedded use. It keeps no cheap row count statistics. */
public final class H2Dialect extends BaseDialect {

    public H2Dialect() {
        super('"');
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public boolean supports(DatabaseMetaData metaData) throws SQLException {
        return metaData.getDatabaseProductName().equalsIgnoreCase("H2");
    }

    @Override
    public void configureStreaming(Statement statement, int fetchSize) throws SQLException {
        statement.setFetchSize(fetchSize);
    }

    /** 50200: lock timeout, which NOWAIT answers too. */
    @Override
    boolean isLockConflictState(SQLException e) {
        return e.getErrorCode() == 50200;
    }

    @Override
    boolean isTransientState(SQLException e) {
        // 50200: lock timeout; 40001: deadlock; 90067: connection broken.
        String state = e.getSQLState();
        return super.isTransientState(e) || "50200".equals(state) || "90067".equals(state);
    }

    @Override
    public void applyLockTimeout(Connection connection, Duration timeout) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCK_TIMEOUT " + Math.max(1, timeout.toMillis()));
        }
    }

    @Override
    public String currentNamespace(Connection connection) throws SQLException {
        return connection.getSchema();
    }

    /** The declared type with its length, precision and scale, e.g. {@code NUMERIC(12, 2)}, {@code TIMESTAMP(9)}. */
    @Override
    public Map<String, ColumnType> columnTypes(Connection connection, String namespace, String table) throws SQLException {
        Map<String, ColumnType> types = new HashMap<>();
        forEachRowOf(connection, "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,"
                + " DATETIME_PRECISION FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", namespace, table, rs -> {
                    String base = rs.getString(2);
                    String declared = base;
                    if (base.startsWith("CHARACTER") || base.startsWith("BINARY")) {
                        declared = rs.getObject(3) == null ? base : base + "(" + rs.getLong(3) + ")";
                    } else if (base.equals("NUMERIC") || base.equals("DECIMAL")) {
                        declared = base + "(" + rs.getInt(4) + ", " + rs.getInt(5) + ")";
                    } else if (base.startsWith("TIME")) {
                        declared = base.replaceFirst("^(TIMESTAMP|TIME)", "$1(" + rs.getInt(6) + ")");
                    }
                    types.put(rs.getString(1), new ColumnType(declared, base.toLowerCase(Locale.ROOT)));
                });
        return types;
    }

    @Override
    public KeyType keyType(String column, int jdbcType, ColumnType type) {
        String cast = "CAST(? AS " + type.declared() + ")";
        switch (type.base()) {
            case "tinyint":
            case "smallint":
            case "integer":
            case "bigint":
                return KeyType.of(type.declared(), null, cast).shownAs(KeyType.NUMBER);
            case "numeric":
            case "decimal":
            case "double precision":
            case "real":
            case "decfloat":
                return KeyType.of(type.declared(), c -> "CAST(" + c + " AS VARCHAR)", cast).shownAs(KeyType.NUMBER);
            case "binary":
            case "binary varying":
                return KeyType.of(type.declared(), c -> "RAWTOHEX(" + c + ")", "HEXTORAW(?)");
            default:
                return KeyType.of(type.declared(), c -> "CAST(" + c + " AS VARCHAR)", cast);
        }
    }

    @Override
    public OptionalLong estimateRows(Connection connection, String namespace, String table) {
        return OptionalLong.empty();
    }
}
