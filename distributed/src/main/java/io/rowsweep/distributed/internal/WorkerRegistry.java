package io.rowsweep.distributed.internal;

import io.rowsweep.core.internal.state.Sql;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.distributed.WorkerInfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code rowsweep_worker}: every process that takes part in a distributed run (host, pid, role,
 * threads, heartbeat, chunks and rows done), for the status command and for the planner, which
 * plans ahead for the threads alive. The process that starts a run also records there the engine
 * settings every process runs with, so chunk sizes, retries and on-error are the same everywhere.
 */
public final class WorkerRegistry {

    static final String NAME = "rowsweep_worker";
    /** Missed heartbeats after which a process counts as lost (db-scheduler's least limit, which rowsweep uses). */
    static final int MISSED_HEARTBEATS = 4;

    private final String table;

    public WorkerRegistry(Dialect dialect, String schema) {
        this.table = schema == null ? NAME : dialect.quote(schema) + "." + NAME;
    }

    /** A process taking part in a run. */
    record Member(String job, int run, String id, String host, long pid, WorkerInfo.Role role, int threads, long heartbeatMillis) {
    }

    void ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "job_name VARCHAR(200) NOT NULL, worker_id VARCHAR(200) NOT NULL, run_no INT NOT NULL, host VARCHAR(255) NOT NULL,"
                    + " pid BIGINT NOT NULL, role VARCHAR(16) NOT NULL, threads INT NOT NULL, heartbeat_ms BIGINT NOT NULL,"
                    + " started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, left_at BIGINT, chunks_done BIGINT NOT NULL,"
                    + " rows_done BIGINT NOT NULL, settings TEXT, PRIMARY KEY (job_name, worker_id))");
        }
    }

    /** Forgets the processes of a job's earlier runs. */
    void deleteOtherRuns(Connection c, String job, int run) throws SQLException {
        Sql.update(c, "DELETE FROM " + table + " WHERE job_name = ? AND run_no <> ?", job, run);
    }

    /** @param settings the run's engine settings (the planner's row), else null */
    void register(Connection c, Member m, String settings, long now) throws SQLException {
        Sql.update(c, "INSERT INTO " + table + " (job_name, worker_id, run_no, host, pid, role, threads, heartbeat_ms, started_at,"
                + " heartbeat_at, left_at, chunks_done, rows_done, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 0, ?)", m.job(),
                m.id(), m.run(), m.host(), m.pid(), m.role(), m.threads(), m.heartbeatMillis(), now, now, settings);
    }

    void heartbeat(Connection c, Member m, long now, long chunksDone, long rowsDone) throws SQLException {
        Sql.update(c, "UPDATE " + table + " SET heartbeat_at = ?, chunks_done = ?, rows_done = ? WHERE job_name = ? AND worker_id = ?", now,
                chunksDone, rowsDone, m.job(), m.id());
    }

    /** Records that the process left, with its final counts (work done since its last heartbeat included). */
    void leave(Connection c, Member m, long now, long chunksDone, long rowsDone) throws SQLException {
        Sql.update(c, "UPDATE " + table + " SET left_at = ?, heartbeat_at = ?, chunks_done = ?, rows_done = ? WHERE job_name = ?"
                + " AND worker_id = ?", now, now, chunksDone, rowsDone, m.job(), m.id());
    }

    /** Threads of the run's processes that are alive: how many chunks can run at once. */
    int liveThreads(Connection c, String job, int run, long now) throws SQLException {
        return Sql.first(c, "SELECT coalesce(sum(threads), 0) FROM " + table + " WHERE job_name = ? AND run_no = ? AND left_at IS NULL"
                + " AND heartbeat_at > ? - " + MISSED_HEARTBEATS + " * heartbeat_ms", rs -> rs.getInt(1), job, run, now).orElseThrow();
    }

    /** The engine settings recorded by the process that started the run (the latest, if it was resumed), or null if none did. */
    String runSettings(Connection c, String job, int run) throws SQLException {
        return Sql.first(c, "SELECT settings FROM " + table + " WHERE job_name = ? AND run_no = ? AND role = ? ORDER BY started_at DESC",
                rs -> rs.getString(1), job, run, WorkerInfo.Role.PLANNER).orElse(null);
    }

    /**
     * The processes of a run, earliest first.
     *
     * @param running per worker id, the chunks it holds now
     */
    List<WorkerInfo> list(Connection c, String job, int run, long now, Map<String, Long> running) throws SQLException {
        List<WorkerInfo> workers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT worker_id, host, pid, role, threads, heartbeat_ms, started_at, heartbeat_at,"
                + " left_at, chunks_done, rows_done FROM " + table + " WHERE job_name = ? AND run_no = ? ORDER BY started_at, worker_id")) {
            ps.setString(1, job);
            ps.setInt(2, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long heartbeat = rs.getLong(8);
                    long left = rs.getLong(9);
                    boolean hasLeft = !rs.wasNull();
                    WorkerInfo.State state = hasLeft ? WorkerInfo.State.LEFT
                            : now - heartbeat > MISSED_HEARTBEATS * rs.getLong(6) ? WorkerInfo.State.LOST : WorkerInfo.State.ACTIVE;
                    String id = rs.getString(1);
                    workers.add(new WorkerInfo(id, rs.getString(2), rs.getLong(3), WorkerInfo.Role.valueOf(rs.getString(4)), rs.getInt(5),
                            Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(heartbeat), hasLeft ? Instant.ofEpochMilli(left) : null,
                            rs.getLong(10), rs.getLong(11), hasLeft ? 0 : running.getOrDefault(id, 0L), state));
                }
            }
        }
        return workers;
    }
}
