package io.rowsweep.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A primary and a real streaming replica that a test starts for itself, in a temp dir, on free
 * ports: PostgreSQL (initdb, pg_basebackup, two postmasters run as the {@code postgres} OS user)
 * or MariaDB (two mariadbd with binary logs in row format, MySQL's default, GTID replication, the replica reporting its
 * host).
 * Where the server binaries cannot be run (a machine without them, not root), the test is skipped.
 */
public final class ReplicaPair implements AutoCloseable {

    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");

    private final DatabaseKind kind;
    private final Path dir;
    private final int primaryPort;
    private final int replicaPort;
    private final List<Process> processes = new ArrayList<>();
    /** The slow link between replica and primary, where there is one. */
    private FreezableProxy link;
    /** Stops the servers when the JVM ends without closing the pair (an interrupted benchmark): they outlive it otherwise. */
    private final Thread stopAtExit = new Thread(this::stop, "replica-pair-stop");
    private boolean closed;

    private ReplicaPair(DatabaseKind kind, Path dir, int primaryPort, int replicaPort) {
        this.kind = kind;
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts a PostgreSQL primary and a streaming replica of it, or skips the test where that cannot be done. */
    public static ReplicaPair postgres() {
        return postgres(-1);
    }

    /**
     * Starts a PostgreSQL primary and a streaming replica that receives the primary's write-ahead log over a link of
     * {@code linkBytesPerSecond} (a {@link FreezableProxy} in between; 0: no limit until {@link #limitLink}; -1: no
     * link), as a replica far away does: when the primary writes faster than that, the replica falls behind.
     */
    public static ReplicaPair postgres(long linkBytesPerSecond) {
        Assumptions.assumeTrue(Files.isExecutable(PG_BIN.resolve("initdb")) && isRoot(), "PostgreSQL 15 server binaries and root");
        ReplicaPair pair = new ReplicaPair(DatabaseKind.POSTGRES, tempDir("rowsweep-pg-pair-"), freePort(), freePort());
        try {
            pair.startPostgres(linkBytesPerSecond);
            return pair;
        } catch (RuntimeException | IOException | InterruptedException e) {
            pair.close();
            throw new IllegalStateException("could not start a PostgreSQL primary and replica: " + e.getMessage(), e);
        }
    }

    /** Starts a MariaDB primary and a replica of it, or skips the test where that cannot be done. */
    public static ReplicaPair mariadb() {
        return mariadb(-1);
    }

    /** {@link #mariadb()}, the replica reading the primary's binary log over a link as in {@link #postgres(long)}. */
    public static ReplicaPair mariadb(long linkBytesPerSecond) {
        Assumptions.assumeTrue(Files.isExecutable(MARIADBD) && isRoot(), "mariadbd and root");
        ReplicaPair pair = new ReplicaPair(DatabaseKind.MARIADB, tempDir("rowsweep-mariadb-pair-"), freePort(), freePort());
        try {
            pair.startMariaDb(linkBytesPerSecond);
            return pair;
        } catch (RuntimeException | IOException | InterruptedException | SQLException e) {
            pair.close();
            throw new IllegalStateException("could not start a MariaDB primary and replica: " + e.getMessage(), e);
        }
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The primary's JDBC URL (user root, trusted), database {@code test}. */
    public String primaryUrl() {
        return url(primaryPort);
    }

    /** The replica's JDBC URL. */
    public String replicaUrl() {
        return url(replicaPort);
    }

    private String url(int port) {
        return kind == DatabaseKind.POSTGRES ? "jdbc:postgresql://127.0.0.1:" + port + "/test?user=root"
                : "jdbc:mariadb://127.0.0.1:" + port + "/test?user=root&password=";
    }

    /** From now on the replica receives at most {@code bytesPerSecond} of the primary's write-ahead log a second. */
    public void limitLink(long bytesPerSecond) {
        if (link == null) {
            throw new IllegalStateException("this pair has no link between replica and primary: start it with a link (0: not limited)");
        }
        link.limitBandwidth(bytesPerSecond);
    }

    /** Waits until the replica has what the primary has written so far: a row written on the primary now is there. */
    public void awaitCaughtUp(java.time.Duration within) throws SQLException, InterruptedException {
        long marker = System.nanoTime();
        execute(primaryUrl(), "CREATE TABLE IF NOT EXISTS replica_pair_marker (n BIGINT)", "INSERT INTO replica_pair_marker VALUES (" + marker + ")");
        long deadline = System.nanoTime() + within.toNanos();
        try (Connection r = DriverManager.getConnection(replicaUrl()); Statement s = r.createStatement()) {
            while (true) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM replica_pair_marker WHERE n = " + marker)) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return;
                    }
                } catch (SQLException notThereYet) {
                    // the table itself has not reached the replica
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replica did not catch up with the primary within " + within);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops the replica from applying what it receives (it keeps receiving), so its lag grows. */
    public void pauseReplay() {
        execute(replicaUrl(), kind == DatabaseKind.POSTGRES ? "SELECT pg_wal_replay_pause()" : "STOP SLAVE SQL_THREAD");
    }

    /** Lets the replica apply again. */
    public void resumeReplay() {
        execute(replicaUrl(), kind == DatabaseKind.POSTGRES ? "SELECT pg_wal_replay_resume()" : "START SLAVE SQL_THREAD");
    }

    private void startPostgres(long linkBytesPerSecond) throws IOException, InterruptedException {
        Path primary = dir.resolve("primary");
        Path replica = dir.resolve("replica");
        run(asPostgres(PG_BIN.resolve("initdb").toString(), "-D", primary.toString(), "-A", "trust", "-U", "root", "--no-sync", "-E", "UTF8"));
        Files.writeString(primary.resolve("postgresql.conf"), String.join("\n", "", "port = " + primaryPort,
                "listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + dir + "'", "wal_level = logical",
                "max_wal_senders = 5", "fsync = off", "shared_buffers = 64MB", ""), java.nio.file.StandardOpenOption.APPEND);
        pgCtl(primary, "start");
        execute(url(primaryPort).replace("/test?", "/postgres?"), "CREATE DATABASE test");
        run(asPostgres(PG_BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "root",
                "-D", replica.toString(), "-R", "-X", "stream", "--checkpoint=fast"));
        String replicaConf = "port = " + replicaPort + "\n";
        if (linkBytesPerSecond >= 0) {
            // The last primary_conninfo in the file wins over the one pg_basebackup -R wrote.
            replicaConf += "primary_conninfo = 'host=127.0.0.1 port=" + primaryPortForReplica(linkBytesPerSecond)
                    + " user=root application_name=replica'\n";
        }
        Files.writeString(replica.resolve("postgresql.auto.conf"), replicaConf, java.nio.file.StandardOpenOption.APPEND);
        pgCtl(replica, "start");
    }

    /** The port the replica reaches the primary on: the primary's, or a link's in front of it ({@link #postgres(long)}). */
    private int primaryPortForReplica(long linkBytesPerSecond) throws IOException {
        if (linkBytesPerSecond < 0) {
            return primaryPort;
        }
        link = FreezableProxy.to(url(primaryPort)).limitBandwidth(linkBytesPerSecond);
        return link.port();
    }

    private void pgCtl(Path data, String action) throws IOException, InterruptedException {
        run(asPostgres(PG_BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data + ".log", "-w", "-t", "60", action));
    }

    private void startMariaDb(long linkBytesPerSecond) throws IOException, InterruptedException, SQLException {
        for (String server : List.of("primary", "replica")) {
            run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve(server), "--user=mysql",
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
        }
        startMariaDb("primary", primaryPort, 1);
        startMariaDb("replica", replicaPort, 2);
        execute(url(primaryPort).replace("/test?", "/?"), "CREATE DATABASE test");
        execute(url(replicaPort).replace("/test?", "/?"), "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT="
                + primaryPortForReplica(linkBytesPerSecond)
                + ", MASTER_USER='root', MASTER_USE_GTID=slave_pos", "START SLAVE");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!databaseExists(url(replicaPort).replace("/test?", "/?"), "test")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not replicate the primary within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private void startMariaDb(String name, int port, int serverId) throws IOException, InterruptedException {
        Path data = dir.resolve(name);
        Process p = new ProcessBuilder(MARIADBD.toString(), "--no-defaults", "--datadir=" + data, "--port=" + port,
                "--socket=" + dir.resolve(name + ".sock"), "--bind-address=127.0.0.1", "--server-id=" + serverId,
                "--log-bin=" + data.resolve("binlog"), "--binlog-format=ROW", "--user=mysql", "--pid-file=" + dir.resolve(name + ".pid"),
                "--log-error=" + dir.resolve(name + ".err"), "--innodb-buffer-pool-size=64M", "--report-host=127.0.0.1",
                "--report-port=" + port, "--skip-name-resolve")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
        processes.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url(port).replace("/test?", "/?"))) {
                return;
            } catch (SQLException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mariadbd " + name + " did not start: " + tail(dir.resolve(name + ".err")));
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean databaseExists(String url, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + database + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static void execute(String url, String... sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed on " + url + ": " + String.join("; ", sql) + ": " + e.getMessage(), e);
        }
    }

    private List<String> asPostgres(String... command) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(List.of(command));
        return c;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "cmd-", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + tail(log));
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file);
            return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is ending: the hook stops the servers
        }
        stop();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (kind == DatabaseKind.POSTGRES) {
                for (String server : List.of("replica", "primary")) {
                    if (Files.exists(dir.resolve(server).resolve("postmaster.pid"))) {
                        run(asPostgres(PG_BIN.resolve("pg_ctl").toString(), "-D", dir.resolve(server).toString(), "-m", "immediate",
                                "-w", "stop"));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // stopping is best effort; the directory goes below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (link != null) {
            link.close();
        }
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir: left for the OS to clean
        }
    }

    private static Path tempDir(String prefix) {
        try {
            Path d = Files.createTempDirectory(prefix);
            // The servers run as their own OS users, which need the directory.
            new ProcessBuilder("chmod", "777", d.toString()).start().waitFor();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
