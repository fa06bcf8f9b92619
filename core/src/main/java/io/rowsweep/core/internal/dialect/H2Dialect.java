package io.rowsweep.core.internal.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

    @Override
    public OptionalLong estimateRows(Connection connection, String namespace, String table) {
        return OptionalLong.empty();
    }
}
