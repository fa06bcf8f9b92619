package io.rowsweep.core.internal.exec;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.throttle.OwnSessions;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Borrowing and discarding pooled connections, and turning connection failures into messages people can act on. */
public final class Connections {

    private static final Set<String> AUTH_STATES = Set.of("28P01", "28000");
    private static final Set<Integer> AUTH_CODES = Set.of(1045, 1044, 1698);
    private static final Set<String> NO_DATABASE_STATES = Set.of("3D000");
    private static final Set<Integer> NO_DATABASE_CODES = Set.of(1049);

    /** "Table not found": PostgreSQL 42P01, MySQL/MariaDB 1146 (42S02), H2 42102 (42S02). */
    private static final Set<String> UNKNOWN_TABLE_STATES = Set.of("42P01", "42S02");
    private static final Set<Integer> UNKNOWN_TABLE_CODES = Set.of(1146, 42102);

    private Connections() {
    }

    /**
     * "Not allowed to write here": PostgreSQL 42501 (no privilege) and 25006 (a read-only
     * transaction: a hot standby); MySQL/MariaDB 1142 (no privilege on the table), 1044 (on the
     * database), 1227 (needs SUPER), 1290 (--read-only), 1792 (a read-only transaction); H2 90096
     * (not enough rights), 90097 (read-only database).
     */
    private static final Set<String> CANNOT_WRITE_STATES = Set.of("42501", "25006");
    private static final Set<Integer> CANNOT_WRITE_CODES = Set.of(1142, 1044, 1227, 1290, 1792, 90096, 90097);

    /** Whether {@code e} (or an exception it chains) says a table does not exist. */
    public static boolean isUnknownTable(SQLException e) {
        return matches(e, UNKNOWN_TABLE_STATES, UNKNOWN_TABLE_CODES);
    }

    /** Whether {@code e} (or an exception it chains) says this user may not write here, or the database is read-only. */
    public static boolean isWriteRefused(SQLException e) {
        return matches(e, CANNOT_WRITE_STATES, CANNOT_WRITE_CODES);
    }

    private static boolean matches(SQLException e, Set<String> states, Set<Integer> codes) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (states.contains(x.getSQLState()) || codes.contains(x.getErrorCode())) {
                return true;
            }
            if (x.getCause() instanceof SQLException && x.getCause() != x.getNextException()) {
                return matches((SQLException) x.getCause(), states, codes);
            }
        }
        return false;
    }

    public static Connection borrow(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        OwnSessions.of(dataSource).add(c);
        return c;
    }

    /**
     * A pooled connection on which a statement waiting longer than {@code networkTimeout} for the
     * database fails as a lost connection (a transient error), instead of waiting forever on a
     * database that hangs or a network that silently drops packets; {@link Duration#ZERO} waits forever.
     */
    public static Connection borrow(DataSource dataSource, Duration networkTimeout) throws SQLException {
        Connection c = borrow(dataSource);
        try {
            limitWaits(c, networkTimeout);
        } catch (SQLException e) {
            Transactions.closeQuietly(c);
            throw e;
        }
        return c;
    }

    /** Sets the connection's network timeout ({@link Duration#ZERO}: none); a driver without one is left as it is. */
    public static void limitWaits(Connection c, Duration networkTimeout) throws SQLException {
        try {
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, networkTimeout.toMillis()));
        } catch (SQLFeatureNotSupportedException | AbstractMethodError | UnsupportedOperationException unsupported) {
            // H2 in memory has no network to wait on
        }
    }

    /** The network timeout never goes below this, whatever the retry deadline: connecting and a round trip take some time. */
    static final Duration MIN_NETWORK_TIMEOUT = Duration.ofSeconds(1);
    /** A statement of a chunk is given at least this long: a first chunk on a cold cache may take a while. */
    static final Duration USUAL_NETWORK_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How long a statement of a run may wait for the database before its connection is given up
     * as lost: long enough for any chunk (30 s, or the lock timeout plus ten chunk times when that
     * is longer), but no longer than the retry deadline, so a database that stops answering stops
     * the run about when the deadline says.
     */
    public static Duration networkTimeout(Duration retryDeadline, Duration lockTimeout, Duration chunkTime) {
        Duration generous = lockTimeout.plus(chunkTime.multipliedBy(10));
        if (generous.compareTo(USUAL_NETWORK_TIMEOUT) < 0) {
            generous = USUAL_NETWORK_TIMEOUT;
        }
        Duration bounded = generous.compareTo(retryDeadline) > 0 ? retryDeadline : generous;
        return bounded.compareTo(MIN_NETWORK_TIMEOUT) < 0 ? MIN_NETWORK_TIMEOUT : bounded;
    }

    /** Drops a connection that failed: evicted from a Hikari pool, else closed. */
    static void discard(DataSource dataSource, Connection c) {
        if (c == null) {
            return;
        }
        if (dataSource instanceof HikariDataSource) {
            try {
                ((HikariDataSource) dataSource).evictConnection(c);
                return;
            } catch (RuntimeException ignored) {
                // fall through to close
            }
        }
        Transactions.closeQuietly(c);
    }

    /**
     * A {@link RowSweepException} for a SQL error outside chunk processing: wrong credentials,
     * missing database and unreachable servers become {@link ErrorCode#CONNECTION} errors naming
     * the URL and the fix; anything else is a failed run.
     */
    public static RowSweepException describe(SQLException e, DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource)) {
            return describe(e, "", null);
        }
        HikariDataSource pool = (HikariDataSource) dataSource;
        return describe(e, pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    /**
     * As {@link #describe(SQLException, String, String)}, for a connection to {@code url} (shown
     * {@link #redact redacted}) with {@code password}: neither the URL's credentials nor the
     * password show in the message, even where the driver's own message quotes them.
     */
    public static RowSweepException describe(SQLException e, String url, String user, String password) {
        RowSweepException described = describe(e, url == null ? "" : " " + redact(url), user);
        String masked = redact(described.getMessage(), password);
        return masked.equals(described.getMessage()) ? described : new RowSweepException(described.code(), masked, e);
    }

    /** As {@link #describe(SQLException, DataSource)}, for a connection made from a URL. */
    public static RowSweepException describe(SQLException e, String where, String user) {
        String detail = redact(Errors.describe(e));
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = next(t)) {
            if (t instanceof SQLException) {
                SQLException s = (SQLException) t;
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                if (AUTH_STATES.contains(state) || AUTH_CODES.contains(s.getErrorCode())) {
                    return new RowSweepException(ErrorCode.CONNECTION, "The database" + where + " refused the credentials"
                            + (user == null ? "" : " of user '" + user + "'") + ": " + detail
                            + ". Check --user and --password (or ROWSWEEP_USER / ROWSWEEP_PASSWORD).", e);
                }
                if (NO_DATABASE_STATES.contains(state) || NO_DATABASE_CODES.contains(s.getErrorCode())) {
                    return new RowSweepException(ErrorCode.CONNECTION, "The database named in" + where + " does not exist: " + detail
                            + ". Check the database name in the URL.", e);
                }
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || (t instanceof SQLException && ((SQLException) t).getSQLState() != null
                    && ((SQLException) t).getSQLState().startsWith("08"))
                    || (t.getMessage() != null && t.getMessage().contains("Connection is not available"))) {
                return new RowSweepException(ErrorCode.CONNECTION, "Cannot connect to the database" + where + ": " + detail
                        + ". Check that it is running and that host, port and database in the URL are right.", e);
            }
        }
        return new RowSweepException(ErrorCode.RUN_FAILED, "Database error: " + detail, e);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException && ((SQLException) t).getNextException() != null) {
            return ((SQLException) t).getNextException();
        }
        return t.getCause();
    }

    /**
     * {@code text} (a JDBC URL, or a message that may quote one) with every credential masked:
     * parameters named like a password or secret ({@code password=}, {@code sslpassword=},
     * {@code pwd=}, in {@code ?a=b&}, {@code ;a=b} and {@code (a=b,c=d)} forms), the password of
     * {@code //user:password@host}, and Oracle's {@code user/password@host}. The user name stays.
     */
    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1***");
        masked = USER_INFO.matcher(masked).replaceAll("$1:***@");
        return ORACLE_USER_PASSWORD.matcher(masked).replaceAll("$1/***@");
    }

    /** {@link #redact(String)}, and each of {@code secrets} (a password given apart from the URL) masked wherever it occurs. */
    public static String redact(String text, String... secrets) {
        String masked = redact(text);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_MASKED_SECRET) {
                masked = masked.replace(secret, "***");
            }
        }
        return masked;
    }

    /** A secret shorter than this is not searched for in messages: masking every "ab" would garble them more than it hides. */
    private static final int MIN_MASKED_SECRET = 3;
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([\\w.-]*(?:password|passwd|pwd|secret|token)[\\w.-]*\\s*=\\s*)(?:\"[^\"]*\"|'[^']*'|\\{[^}]*}|[^&;,)(\\s]*)");
    /** {@code //user:password@}, to the last {@code @} before the path, so a password holding an {@code @} is masked whole. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:\\s]*):[^/?#\\s]*@");
    private static final Pattern ORACLE_USER_PASSWORD = Pattern.compile("(?i)(jdbc:oracle:\\w+:[^/@:\\s]+)/[^@\\s]*@");
}
