package io.rowsweep.core.internal.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MySQL (or MariaDB) through MySQL Connector/J, which streams only with a fetch size of
 * {@link Integer#MIN_VALUE} (row by row); {@code useCursorFetch} would copy the result to a server
 * temp table instead.
 */
public final class MySqlDialect extends MySqlFamilyDialect {

    @Override
    public String name() {
        return "MySQL";
    }

    @Override
    public boolean supports(DatabaseMetaData metaData) throws SQLException {
        return metaData.getDriverName().toLowerCase().contains("mysql");
    }

    @Override
    public void configureStreaming(Statement statement, int fetchSize) throws SQLException {
        statement.setFetchSize(Integer.MIN_VALUE);
    }

    @Override
    public void changeFetchSize(java.sql.ResultSet streaming, int fetchSize) {
        // Connector/J streams row by row here already; another fetch size would make it buffer the rest.
    }
}
