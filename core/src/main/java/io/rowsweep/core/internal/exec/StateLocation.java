package io.rowsweep.core.internal.exec;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where a run keeps its job state: the target database (the default, and the only place for a
 * job that writes: its checkpoint commits with its change), or another database, for a job that
 * only reads its tables, when the target is read-only for this user or {@code state-url} says so.
 */
public final class StateLocation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateLocation.class);

    /** The folder, under the user's home, of the state files kept for read-only targets. */
    public static final String LOCAL_FOLDER = ".rowsweep/state";

    private final DataSource source;
    private final Dialect dialect;
    private final String schema;
    private final boolean inTarget;
    private final String where;
    private final HikariDataSource owned;

    private StateLocation(DataSource source, Dialect dialect, String schema, boolean inTarget, String where, HikariDataSource owned) {
        this.source = source;
        this.dialect = dialect;
        this.schema = schema;
        this.inTarget = inTarget;
        this.where = where;
        this.owned = owned;
    }

    /** The job state in the target database, as before. */
    static StateLocation inTarget(DataSource target, Dialect dialect, String schema) {
        return new StateLocation(target, dialect, schema, true, "the target database", null);
    }

    /**
     * The job state in the database at {@code url}, through a pool of its own of up to
     * {@code connections} connections; {@code schema} as the state-schema setting names it there.
     */
    public static StateLocation at(String url, String schema, int connections) {
        return at(url, schema, connections, CONNECT_TIMEOUT);
    }

    /** How long getting a connection to a state database may take: connecting to a database that answers takes far less. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long opening the local file may wait: H2 lets one process open it, and the pool would
     * retry for its whole timeout, silently, while another run of this machine holds it.
     */
    private static final Duration LOCAL_OPEN_TIMEOUT = Duration.ofSeconds(2);

    private static StateLocation at(String url, String schema, int connections, Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setPoolName("rowsweep-state");
        config.setMaximumPoolSize(Math.max(2, connections));
        config.setMinimumIdle(0);
        config.setAutoCommit(false);
        config.setInitializationFailTimeout(-1); // connect below, to say which URL failed
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection()) {
            Dialect dialect = Dialects.detect(c);
            if (schema != null) {
                new io.rowsweep.core.internal.schema.TableResolver(c, dialect).existingNamespace(schema,
                        SweepSettings.STATE_SCHEMA.cliFlag());
            }
            return new StateLocation(pool, dialect, schema, false, Connections.redact(url), pool);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof RowSweepException r) {
                throw r;
            }
            throw RowSweepException.configuration("Cannot open the job state database " + Connections.redact(url) + ": "
                    + Connections.redact(Errors.describe(e)) + ". Check the URL (and its user), or leave "
                    + SweepSettings.STATE_URL.cliFlag() + " out.");
        }
    }

    /**
     * Where the run's state goes: {@code state-url} when set; else the target when this user can
     * keep it there (the state tables are created, or are there and writable: nothing is written
     * otherwise); else, for a job that only reads, a local file kept per target, said in one line.
     *
     * @param target  the target database
     * @param c       a connection to it, in a transaction of its own (it is committed or rolled back here)
     * @param writes  whether the job writes to its tables (then the state must be in the target)
     */
    static StateLocation choose(DataSource target, Connection c, Dialect dialect, SettingValues settings, boolean writes,
                                int connections)
            throws SQLException {
        String url = settings.get(SweepSettings.STATE_URL);
        String schema = settings.get(SweepSettings.STATE_SCHEMA);
        if (url != null) {
            refuseOutsideTarget(settings, writes, SweepSettings.STATE_URL.cliFlag() + " was given");
            StateLocation at = at(url, schema, connections);
            LOG.info("Job state kept in {} ({}).", at.where, SweepSettings.STATE_URL.cliFlag());
            return at;
        }
        JobStore store = new JobStore(dialect, schema);
        String refused = dialect.readOnlyServer(c);
        c.rollback();
        if (refused == null) {
            try {
                store.ensureTables(c);
                store.checkWritable(c);
                return inTarget(target, dialect, schema);
            } catch (SQLException e) {
                Transactions.rollbackQuietly(c);
                if (!Connections.isWriteRefused(e)) {
                    throw e;
                }
                refused = Errors.describe(e);
            }
        }
        if (writes) {
            throw RowSweepException.configuration("Cannot write to the target database: " + refused + ". An update"
                    + " needs a user allowed to change the table and to keep rowsweep's job state beside it (create the rowsweep_"
                    + " tables, or have them created and granted), and a primary, not a read-only replica.");
        }
        refuseOutsideTarget(settings, false, "the target database is read-only for this user");
        Path file = localFile(c, dialect);
        StateLocation local;
        try {
            Files.createDirectories(file.getParent());
            local = at(localUrl(file), null, connections, LOCAL_OPEN_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            if (!h2Present()) {
                throw RowSweepException.configuration("The target database is read-only for this user (" + refused + "), so the job"
                        + " state would be kept in a local file, which needs the H2 database on the class path"
                        + " (com.h2database:h2; the rowsweep command has it). Add it, or give " + SweepSettings.STATE_URL.cliFlag()
                        + " (API: stateUrl) JDBC_URL to keep the state in another database.");
            }
            // Another run of this machine may have it open (one process at a time).
            throw RowSweepException.configuration("The target database is read-only for this user (" + refused + "), so the job"
                    + " state would be kept in " + file + ".mv.db, which cannot be opened: " + Errors.describe(e) + ". Another"
                    + " rowsweep run of this target on this machine may be using it: wait for it to end, or give "
                    + SweepSettings.STATE_URL.cliFlag() + " JDBC_URL to keep this run's state in another database.");
        }
        LOG.warn("Job state kept in {} (the target is read-only for this user: {}); the same command resumes from"
                + " this machine. {} JDBC_URL keeps it in another database.", file + ".mv.db", refused, SweepSettings.STATE_URL.cliFlag());
        return local;
    }

    private static void refuseOutsideTarget(SettingValues settings, boolean writes, String why) {
        if (writes) {
            throw RowSweepException.configuration(SweepSettings.STATE_URL.cliFlag() + " keeps the job state in another database,"
                    + " which only a job that writes nothing to its tables can do (validate, a dry run): an update commits each"
                    + " chunk's checkpoint in the same transaction as its change, so its state stays in the target database. Leave "
                    + SweepSettings.STATE_URL.cliFlag() + " out.");
        }
        if (settings.get(SweepSettings.DISTRIBUTED)) {
            throw RowSweepException.configuration("A distributed run keeps its chunk queue and job state in the target database, but "
                    + why + ". Validate a read-only target without " + SweepSettings.DISTRIBUTED.cliFlag() + " (one process, as many"
                    + " workers as it needs), or run the distributed job on a database it can write to.");
        }
    }

    /**
     * The local state file of the target {@code c} is connected to (without H2's extension): one
     * per server and database, so the same command finds it again, named so people can tell which
     * is which. The URL's parameters are left out: drivers and pools add their own (the run's pool
     * and the status command's connection differ there), and a job's name already tells its tables apart.
     */
    public static Path localFile(Connection c, Dialect dialect) throws SQLException {
        String url = Connections.redact(c.getMetaData().getURL()).replaceFirst("[?;].*$", "");
        String readable = url.replaceFirst("^jdbc:", "").replaceAll("^[a-z0-9]+://", "").replaceAll("[^A-Za-z0-9.]+", "-");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        String name = dialect.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "") + "-" + readable + "-" + hash(url);
        return Paths.get(System.getProperty("user.home"), LOCAL_FOLDER).resolve(name).toAbsolutePath();
    }

    private static boolean h2Present() {
        try {
            Class.forName("org.h2.Driver", false, StateLocation.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** WRITE_DELAY=0: a commit is in the file at once, so a killed process loses no checkpoint it committed. */
    private static String localUrl(Path file) {
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0";
    }

    /**
     * Where a run against the target {@code c} is connected to left the state of {@code job} (any
     * job when null), for status and reports: the {@code stateUrl} database when given; else the
     * target when it has the job (or, without a job, any state); else this machine's local file of
     * the target when there is one. Null when it is the target; else close it after use.
     */
    public static StateLocation forReading(Connection c, String stateUrl, String schema, String job) throws SQLException {
        if (stateUrl != null) {
            return at(stateUrl, schema, 2);
        }
        Dialect dialect = Dialects.detect(c);
        JobStore store = new JobStore(dialect, schema);
        boolean inTarget = store.tablesExist(c) && (job == null || store.findJob(c, job).isPresent());
        Path file = localFile(c, dialect);
        if (inTarget || !Files.exists(Paths.get(file + ".mv.db"))) {
            return null;
        }
        return at(localUrl(file), null, 2, LOCAL_OPEN_TIMEOUT);
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public DataSource source() {
        return source;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String schema() {
        return schema;
    }

    /** Whether the state is in the target database, so a chunk's work and its checkpoint share one transaction. */
    public boolean inTarget() {
        return inTarget;
    }

    /** Where the state is, for messages: "the target database", a URL (credentials masked) or a file. */
    public String where() {
        return where;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
