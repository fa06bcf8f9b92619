package io.rowsweep.liquibase;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connections a custom change needs. Liquibase hands a change its one connection, in the
 * changeSet's transaction; rowsweep also needs a few of its own (to create its job tables outside
 * that transaction, and for the workers of {@link EnsureBackfillFinished}), opened from the same
 * URL: Liquibase's connection's URL and user unless the change names others, and the change's
 * password, else the {@value #PASSWORD_VARIABLE} environment variable, else none; in the schema
 * (MySQL/MariaDB: database) of the changeSet's connection, which Liquibase's URL does not carry.
 */
final class LiquibaseConnections {

    /** Where the password of rowsweep's own connections comes from when the change does not give one. */
    static final String PASSWORD_VARIABLE = "ROWSWEEP_PASSWORD";

    private LiquibaseConnections() {
    }

    /** The changeSet's JDBC connection, in its transaction. */
    static Connection of(Database database) throws CustomChangeException {
        DatabaseConnection c = database.getConnection();
        if (!(c instanceof JdbcConnection)) {
            throw new CustomChangeException("rowsweep needs a JDBC connection, but Liquibase runs this changeSet on "
                    + (c == null ? "none" : c.getClass().getName()) + " (an offline or SQL-generating run?). Run the update against the database.");
        }
        return ((JdbcConnection) c).getUnderlyingConnection();
    }

    /** The schema (MySQL/MariaDB: database) the changeSet works in: where the job state is kept. */
    static String schema(Connection c) throws SQLException {
        String schema = c.getSchema();
        return schema != null ? schema : c.getCatalog();
    }

    /** A pool of at most {@code size} connections to the changeSet's database; the caller closes it. */
    static HikariDataSource pool(Database database, String url, String user, String password, int size) throws CustomChangeException {
        DatabaseConnection c = database.getConnection();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url != null ? url : c.getURL());
        String u = user != null ? user : c.getConnectionUserName();
        if (u != null && !u.isEmpty()) {
            config.setUsername(u);
        }
        String p = password != null ? password : System.getenv(PASSWORD_VARIABLE);
        if (p != null) {
            config.setPassword(p);
        }
        // Liquibase's URL comes without its parameters (currentSchema=...): work in the changeSet's schema or database.
        try {
            Connection changeSets = of(database);
            if (changeSets.getSchema() != null) {
                config.setSchema(changeSets.getSchema());
            }
            if (changeSets.getCatalog() != null) {
                config.setCatalog(changeSets.getCatalog());
            }
        } catch (SQLException e) {
            throw new CustomChangeException("Reading the schema of Liquibase's connection failed: " + e.getMessage(), e);
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setPoolName("rowsweep-liquibase");
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
