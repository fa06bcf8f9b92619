package io.rowsweep.core.internal.exec;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.dialect.Dialects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalInt;

/**
 * How many workers a run may have without taking the connections the application needs: the
 * server's free connections (read before the run), plus those the run's pool already holds, less
 * {@code connection-headroom} for the application, less the run's own few connections.
 */
final class ConnectionBudget {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);

    private ConnectionBudget() {
    }

    /**
     * The workers to run: {@code workers}, or fewer (said once in the log) when the server has
     * not enough free connections; a configuration error when it has none to spare.
     *
     * @param extra connections the run needs besides its workers' (coordination, heartbeat, prefetch, latency probe)
     */
    static int workers(DataSource dataSource, int workers, int headroom, int extra) {
        if (workers == 0) {
            return 0;
        }
        OptionalInt free;
        try (Connection c = Connections.borrow(dataSource)) {
            free = Dialects.detect(c).freeConnections(c);
        } catch (SQLException | RuntimeException e) {
            // Not readable here (a restricted user, another database): the run goes on as asked; a database
            // that cannot be reached at all is reported when the run starts.
            LOG.debug("could not read the server's free connections: {}", Errors.describe(e));
            return workers;
        }
        if (free.isEmpty()) {
            return workers;
        }
        int ours = Math.max(1, poolConnections(dataSource)); // the connection just used is ours too
        int allowed = free.getAsInt() + ours - headroom - extra;
        if (allowed >= workers) {
            return workers;
        }
        String state = "The database server accepts " + free.getAsInt() + " more connections (besides the " + ours
                + " this run holds), and connection-headroom keeps " + headroom + " of them for the application";
        if (allowed < 1) {
            throw RowSweepException.configuration(state + ": none is left for rowsweep's workers (each needs one, and the run "
                    + extra + " more). Run when the database is less busy, raise the server's connection limit, or lower"
                    + " --connection-headroom.");
        }
        LOG.warn("{}: running {} workers instead of {}.", state, allowed, workers);
        return allowed;
    }

    private static int poolConnections(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource) {
            HikariPoolMXBean pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
            return pool == null ? 0 : pool.getTotalConnections();
        }
        return 0;
    }
}
