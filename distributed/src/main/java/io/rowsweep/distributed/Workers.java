package io.rowsweep.distributed;

import io.rowsweep.core.state.JobRecord;
import io.rowsweep.distributed.internal.JoinedRun;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Who takes part in a job's distributed run, for {@code rowsweep status --job NAME}, and which
 * runs a worker can join.
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

    /**
     * The jobs a worker can join now ({@link Worker#run}), the most recently started first: those
     * whose current run is distributed ({@code --distributed}, or queued by {@code Update.queue}, a
     * Flyway or Liquibase backfill) and has not ended: queued, running, or paused. A run whose
     * processes all died is among them: a worker that joins takes over its chunks.
     *
     * @param stateSchema the job state's schema, or null for the connection's current one
     * @throws io.rowsweep.core.RowSweepException {@code CONNECTION} when the database cannot be reached
     */
    public static List<JobRecord> joinable(DataSource dataSource, String stateSchema) {
        return JoinedRun.joinable(dataSource, stateSchema);
    }

    /** As {@link #list(DataSource, String, String)}, on a connection the caller holds (autocommit on). */
    public static List<WorkerInfo> list(Connection connection, String job, String stateSchema) throws SQLException {
        return JoinedRun.workers(connection, job, stateSchema);
    }
}
