package io.rowsweep.cli.internal.options;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.SweepSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Connections for the command line. Before a pool is built, one plain connection is tried, so a
 * wrong URL, a database that is down, a wrong password or an unknown database fails in seconds
 * with one line naming the problem, instead of as a pool timeout.
 */
public final class DataSources {

    /** How long connecting may take before we call the database unreachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private DataSources() {
    }

    /** Opens one connection; a {@code CONNECTION} or {@code USAGE} error with one clear line if it cannot. */
    public static Connection connect(ConnectionSettings settings) {
        checkUrl(settings);
        Properties properties = driverProperties(settings.url());
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        try {
            return DriverManager.getConnection(settings.url(), properties);
        } catch (SQLException e) {
            throw settings.describe(e);
        }
    }

    /**
     * A pool for a run: {@code workers + 3} connections, pgjdbc's binary transfer from the first
     * execution, and a short connection timeout. One connection per worker and one the coordinator
     * holds for the whole run, as the engine requires, plus room for the heartbeat (with none spare
     * it would wait on the thread that also reports progress, freezing the display) and, in
     * distributed mode, for the scheduler's polling ({@code SweepSettings.EXTRA_CONNECTIONS}).
     */
    public static HikariDataSource pool(ConnectionSettings settings, int workers) {
        try (Connection probe = connect(settings)) {
            probe.isValid(1);
        } catch (SQLException e) {
            throw settings.describe(e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("rowsweep");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(workers + SweepSettings.EXTRA_CONNECTIONS);
        // Connections open as workers need them, not all at once: a run may use fewer workers than asked
        // (connection-headroom), and the connections it does not use are the application's.
        config.setMinimumIdle(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setDataSourceProperties(driverProperties(settings.url()));
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException) {
                throw settings.describe((SQLException) e.getCause());
            }
            throw e;
        }
    }

    private static void checkUrl(ConnectionSettings settings) {
        String url = settings.url();
        if (!url.startsWith("jdbc:")) {
            throw RowSweepException.usage(settings.urlSource() + " '" + settings.redactedUrl() + "' is not a JDBC URL: it must start"
                    + " with jdbc:, e.g. jdbc:postgresql://localhost:5432/mydb or jdbc:mariadb://localhost:3306/mydb.");
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw RowSweepException.usage(settings.urlSource() + " '" + settings.redactedUrl() + "': no JDBC driver accepts this URL."
                    + " Check its spelling; rowsweep brings drivers for jdbc:postgresql://, jdbc:mariadb://, jdbc:mysql:// and jdbc:h2:.");
        }
    }

    /** Per driver: fail within {@link #CONNECT_TIMEOUT}, and read fast; the URL's own parameters win. */
    static Properties driverProperties(String url) {
        Properties p = new Properties();
        String lower = url.toLowerCase(Locale.ROOT);
        long seconds = CONNECT_TIMEOUT.toSeconds();
        if (lower.startsWith("jdbc:postgresql:")) {
            putUnlessInUrl(p, lower, Map.of("connectTimeout", Long.toString(seconds), "loginTimeout", Long.toString(seconds),
                    // binary transfer from the first execution: markedly faster reads of numbers and timestamps
                    "prepareThreshold", "-1"));
        } else if (lower.startsWith("jdbc:mariadb:")) {
            putUnlessInUrl(p, lower, Map.of("connectTimeout", Long.toString(seconds * 1000)));
        } else if (lower.startsWith("jdbc:mysql:")) {
            putUnlessInUrl(p, lower, Map.of("connectTimeout", Long.toString(seconds * 1000),
                    // one multi-row statement per JDBC batch instead of one round trip per row
                    "rewriteBatchedStatements", "true"));
        }
        return p;
    }

    private static void putUnlessInUrl(Properties p, String lowerUrl, Map<String, String> defaults) {
        defaults.forEach((k, v) -> {
            if (!lowerUrl.contains(k.toLowerCase(Locale.ROOT) + "=")) {
                p.setProperty(k, v);
            }
        });
    }
}
