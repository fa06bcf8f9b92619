package io.rowsweep.distributed;

import io.rowsweep.distributed.internal.JoinedRun;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Who takes part in a job's distributed run, for {@code rowsweep status --job NAME}.
 *
 * <pre>{@code
 * for (WorkerInfo w : Workers.list(dataSource, "fix-fees", null)) {
 *     System.out.println(w.host() + " pid " + w.pid() + " " + w.state() + " " + w.chunksDone() + " chunks");
 * }
 * }</pre>
 */
public final class Workers {

    private Workers() {
    }

    /**
     * The processes of the job's current (or last) run, earliest first; empty when the job never
     * ran distributed, or does not exist.
     *
     * @param stateSchema the job state's schema (MySQL/MariaDB: database), or null for the connection's current one
     * @throws io.rowsweep.core.RowSweepException {@code CONNECTION} when the database cannot be reached
     */
    public static List<WorkerInfo> list(DataSource dataSource, String job, String stateSchema) {
        return JoinedRun.workers(dataSource, job, stateSchema);
    }

    /** As {@link #list(DataSource, String, String)}, on a connection the caller holds (autocommit on). */
    public static List<WorkerInfo> list(Connection connection, String job, String stateSchema) throws SQLException {
        return JoinedRun.workers(connection, job, stateSchema);
    }
}
