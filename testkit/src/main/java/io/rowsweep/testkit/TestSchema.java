package io.rowsweep.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A uniquely named schema (PostgreSQL, H2) or database (MariaDB) that a test owns and drops when
 * closed. Connections made through {@link #url()} use it as their default schema, so tests and
 * the code under test can use unqualified table names.
 */
public final class TestSchema implements AutoCloseable {

    private final TestDatabases.Server server;
    private final String name;
    private final String url;
    private HikariDataSource dataSource;

    private TestSchema(TestDatabases.Server server, String name, String url) {
        this.server = server;
        this.name = name;
        this.url = url;
    }

    static TestSchema create(TestDatabases.Server server) {
        String name = "rs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = server.adminUrl();
        String url;
        switch (server.kind()) {
            case H2:
                url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                break;
            case POSTGRES:
                execAdmin(admin, "CREATE SCHEMA " + name);
                url = admin + (admin.contains("?") ? "&" : "?") + "currentSchema=" + name;
                break;
            case MARIADB:
            case MYSQL_DRIVER:
                execAdmin(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                url = admin.replaceFirst("^(jdbc:[a-z]+://[^/?]+)(/[^?]*)?", "$1/" + name);
                break;
            default:
                throw new IllegalArgumentException(server.kind().name());
        }
        return new TestSchema(server, name, url);
    }

    public DatabaseKind kind() {
        return server.kind();
    }

    /** The schema's (or MariaDB database's) name. */
    public String name() {
        return name;
    }

    /** A JDBC URL whose default schema is this one; credentials are in the URL. */
    public String url() {
        return url;
    }

    /** A small pool on this schema, created on first use and closed with the schema. */
    public synchronized HikariDataSource dataSource() {
        if (dataSource == null) {
            dataSource = dataSource(8);
        }
        return dataSource;
    }

    /** A new pool of the given size on this schema; the caller closes it. */
    public HikariDataSource dataSource(int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("test-" + name);
        return new HikariDataSource(config);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Runs each statement with autocommit. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + String.join("; ", sql) + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as a long (0 when null). */
    public long queryLong(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as a string. */
    public String queryString(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Whether this is a MySQL-family server (MariaDB through either driver). */
    public boolean isMysqlFamily() {
        return kind() == DatabaseKind.MARIADB || kind() == DatabaseKind.MYSQL_DRIVER;
    }

    /**
     * A FROM item yielding the integers 1..n as column {@code i} of alias {@code g}, for filling
     * test tables quickly with {@code INSERT ... SELECT ... FROM <series>}.
     */
    public String series(long n) {
        switch (kind()) {
            case POSTGRES:
                return "generate_series(1, " + n + ") AS g(i)";
            case H2:
                return "(SELECT X AS i FROM SYSTEM_RANGE(1, " + n + ")) g";
            default:
                return "(SELECT seq AS i FROM seq_1_to_" + n + ") g";
        }
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
        }
        switch (kind()) {
            case H2:
                execAdmin(url, "SHUTDOWN");
                break;
            case POSTGRES:
                execAdmin(server.adminUrl(), "DROP SCHEMA IF EXISTS " + name + " CASCADE");
                break;
            default:
                execAdmin(server.adminUrl(), "DROP DATABASE IF EXISTS " + name);
        }
    }

    private static void execAdmin(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed on " + url.replaceAll("password=[^&;]*", "password=***")
                    + ": " + sql + ": " + e.getMessage().toLowerCase(Locale.ROOT), e);
        }
    }
}
