package io.rowsweep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the benchmark's database is. The password is never printed: {@link #toString()} and
 * {@link #redactedUrl()} hide it, and forked runs get it through the environment, not the
 * command line.
 *
 * @param user     null when the URL carries it
 * @param password null when the URL carries it or none is needed
 */
public record ConnectionSettings(String url, String user, String password) {

    static final String URL_ENV = "ROWSWEEP_BENCH_URL";
    static final String USER_ENV = "ROWSWEEP_BENCH_USER";
    static final String PASSWORD_ENV = "ROWSWEEP_BENCH_PASSWORD";

    /** A pool of {@code size} connections. */
    public HikariDataSource pool(int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return redactedUrl() + (user == null ? "" : " user " + user);
    }

    /** The environment variables a forked run reads with {@link #fromEnvironment()}. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put(URL_ENV, url);
        if (user != null) {
            env.put(USER_ENV, user);
        }
        if (password != null) {
            env.put(PASSWORD_ENV, password);
        }
        return env;
    }

    /** The settings a parent passed with {@link #toEnvironment()}. */
    public static ConnectionSettings fromEnvironment() {
        String url = System.getenv(URL_ENV);
        if (url == null) {
            throw new IllegalStateException(URL_ENV + " is not set");
        }
        return new ConnectionSettings(url, System.getenv(USER_ENV), System.getenv(PASSWORD_ENV));
    }
}
