package io.rowsweep.junit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import javax.sql.DataSource;

/**
 * The database a check runs on, and where it was found (for messages). A pool opened here for a
 * JDBC URL is closed with it; a {@code DataSource} the test gave stays the test's.
 */
public final class FoundDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final String origin;
    private final HikariDataSource owned;

    private FoundDatabase(DataSource dataSource, String origin, HikariDataSource owned) {
        this.dataSource = dataSource;
        this.origin = origin;
        this.owned = owned;
    }

    static FoundDatabase of(DataSource dataSource, String origin) {
        return new FoundDatabase(dataSource, origin, null);
    }

    /**
     * A pool of its own on {@code url}; connecting at once, so a database that is not there is
     * reported with the driver's own words rather than a pool timeout.
     */
    static FoundDatabase ofUrl(String url, String user, String password, int connections, String origin) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(0);
        config.setPoolName("rowsweep-junit");
        config.setConnectionTimeout(10_000);
        try {
            HikariDataSource pool = new HikariDataSource(config);
            return new FoundDatabase(pool, origin, pool);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ExtensionConfigurationException("cannot connect to the database of " + origin + ": "
                    + cause.getMessage().replaceFirst("\\.$", "") + ". Check that it runs, that the URL is right and that its JDBC"
                    + " driver is on the test class path.", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where it was found, e.g. {@code field OrderTest.dataSource} or {@code the Spring context's DataSource bean 'dataSource'}. */
    public String origin() {
        return origin;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
