package io.rowsweep.core.internal.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MariaDB (or MySQL) through MariaDB Connector/J, which streams with any positive fetch size. A
 * second statement on the connection while a result streams makes the driver buffer the rest, so
 * the engine never issues one mid-stream.
 */
public final class MariaDbDialect extends MySqlFamilyDialect {

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public boolean supports(DatabaseMetaData metaData) throws SQLException {
        return metaData.getDriverName().toLowerCase().contains("mariadb");
    }

    @Override
    public void configureStreaming(Statement statement, int fetchSize) throws SQLException {
        statement.setFetchSize(fetchSize);
    }
}
