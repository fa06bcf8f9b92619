package io.rowsweep.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A database server of a test's own, with settings the shared servers must not get (say, a low
 * connection limit): an embedded PostgreSQL, or a MariaDB server started from the machine's
 * {@code mariadbd} in a temporary folder. Where it cannot be started, {@link #start} throws
 * {@link Unavailable}, which a test turns into a skip.
 */
public final class OwnServer implements AutoCloseable {

    /** This machine cannot start such a server. */
    public static final class Unavailable extends Exception {
        Unavailable(String why, Throwable cause) {
            super(why, cause);
        }
    }

    private final String url;
    private final AutoCloseable stop;

    private OwnServer(String url, AutoCloseable stop) {
        this.url = url;
        this.stop = stop;
    }

    /** A JDBC URL of a database on it, as its administrator (PostgreSQL {@code postgres}, MariaDB {@code root}, database {@code test}). */
    public String url() {
        return url;
    }

    /**
     * Starts a server of {@code kind} ({@code POSTGRES} or {@code MARIADB}) with these server
     * settings (PostgreSQL {@code postgresql.conf} names, MariaDB option names).
     */
    public static OwnServer start(DatabaseKind kind, Map<String, String> settings) throws Unavailable {
        try {
            return kind == DatabaseKind.POSTGRES ? postgres(settings) : mariadb(settings);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new Unavailable("cannot start a " + kind + " server of its own here: " + e, e);
        }
    }

    private static OwnServer postgres(Map<String, String> settings) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        return new OwnServer("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres", pg);
    }

    private static OwnServer mariadb(Map<String, String> settings) throws IOException, SQLException {
        Path installer = Path.of("/usr/bin/mariadb-install-db");
        Path server = Path.of("/usr/sbin/mariadbd");
        if (!Files.isExecutable(installer) || !Files.isExecutable(server)) {
            throw new IOException("no " + installer + " and " + server);
        }
        Path dir = Files.createTempDirectory("rowsweep-mariadb");
        Path data = dir.resolve("data");
        String user = System.getProperty("user.name");
        run(List.of(installer.toString(), "--no-defaults", "--datadir=" + data, "--user=" + user, "--auth-root-authentication-method=normal",
                "--skip-test-db"), dir.resolve("install.log"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + data, "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"), "--user=" + user, "--skip-log-bin",
                "--innodb-buffer-pool-size=32M"));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        String admin = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = DriverManager.getConnection(admin)) {
                c.createStatement().execute("CREATE DATABASE test");
                break;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("mariadbd did not start: " + Files.readString(dir.resolve("server.log")), notYet);
                }
                sleep(200);
            }
        }
        return new OwnServer("jdbc:mariadb://127.0.0.1:" + port + "/test?user=root", () -> {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            deleteTree(dir);
        });
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
