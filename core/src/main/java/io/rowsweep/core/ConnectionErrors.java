package io.rowsweep.core;

import io.rowsweep.core.internal.exec.Connections;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * What rowsweep says about a database it connects to: a SQL error as one {@link RowSweepException}
 * people can act on (wrong credentials, a missing database and an unreachable server become
 * {@link ErrorCode#CONNECTION} errors naming the URL and the fix), and JDBC URLs safe to show,
 * with their credentials masked. For applications and tools that connect the way rowsweep does and
 * want to report failures the same way.
 */
public final class ConnectionErrors {

    private ConnectionErrors() {
    }

    /**
     * {@code e}, a SQL error outside chunk processing on a connection of {@code dataSource}, as a
     * {@link RowSweepException}: a connection failure names the pool's URL (redacted) and the fix;
     * anything else is a {@link ErrorCode#RUN_FAILED} database error.
     */
    public static RowSweepException describe(SQLException e, DataSource dataSource) {
        return Connections.describe(e, dataSource);
    }

    /**
     * As {@link #describe(SQLException, DataSource)}, for a connection to {@code url} as {@code user}
     * with {@code password}: neither the URL's credentials nor the password show in the message,
     * even where the driver's own message quotes them.
     */
    public static RowSweepException describe(SQLException e, String url, String user, String password) {
        return Connections.describe(e, url, user, password);
    }

    /**
     * {@code text} (a JDBC URL, or a message that may quote one) with every credential masked:
     * password-like parameters and the password of {@code //user:password@host}; the user name
     * stays. An empty string for null.
     */
    public static String redact(String text) {
        return Connections.redact(text);
    }
}
