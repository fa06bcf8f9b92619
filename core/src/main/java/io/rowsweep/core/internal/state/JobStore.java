package io.rowsweep.core.internal.state;

import io.rowsweep.core.internal.plan.KeyCodec;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.core.state.ProblemGroup;
import io.rowsweep.core.state.RunRecord;
import io.rowsweep.core.state.TableCursorRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Job state in the target database: {@code rowsweep_job} (one row per job name: spec, hash, run,
 * status, owner), {@code rowsweep_table} (per table: the planning frontier) and
 * {@code rowsweep_chunk} (per chunk: range, status, counts, timings, worker, error). Every method
 * works on the connection it is given and leaves commit to the caller, so a chunk's checkpoint
 * commits in the same transaction as its work.
 */
public final class JobStore {

    /** The worker of a chunk planned in distributed mode that no process has taken yet. */
    public static final String QUEUED = "(queued)";

    private final Dialect dialect;
    private final String jobTable;
    private final String tableTable;
    private final String chunkTable;
    private final String runTable;

    public JobStore(Dialect dialect, String schema) {
        this.dialect = dialect;
        // Unquoted, so the tables get the database's native case and people can query them as written here.
        String prefix = schema == null ? "" : dialect.quote(schema) + ".";
        this.jobTable = prefix + "rowsweep_job";
        this.tableTable = prefix + "rowsweep_table";
        this.chunkTable = prefix + "rowsweep_chunk";
        this.runTable = prefix + "rowsweep_run";
    }

    /**
     * Creates the state tables if they do not exist. Tables that exist are not created again: a
     * user allowed to write to them (an admin created and granted them) needs no CREATE privilege
     * on the schema, which PostgreSQL asks for even with IF NOT EXISTS.
     */
    public void ensureTables(Connection c) throws SQLException {
        boolean exist = exists(c, jobTable) && exists(c, tableTable) && exists(c, chunkTable) && exists(c, runTable);
        c.rollback(); // a failed look aborts PostgreSQL's transaction
        if (!exist) {
            createTables(c);
        }
        for (String column : List.of(TABLE_REF, TABLE_IDENTITY, WRITES)) {
            addIfMissing(c, tableTable, column);
        }
        addIfMissing(c, jobTable, THROTTLE);
        addIfMissing(c, jobTable, REQUESTED);
        addIfMissing(c, chunkTable, PROBLEM_GROUPS);
    }

    /**
     * Checks that this user may insert, update and delete rows of the state tables, writing
     * nothing: statements that touch no row, rolled back. Fails with the database's own refusal
     * (no privilege, a read-only transaction on a hot standby, a read-only server).
     */
    public void checkWritable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : List.of(jobTable, tableTable, chunkTable, runTable)) {
                s.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + table + " WHERE 1 = 0");
                s.executeUpdate("UPDATE " + table + " SET job_name = job_name WHERE 1 = 0");
                s.executeUpdate("DELETE FROM " + table + " WHERE 1 = 0");
            }
        } finally {
            c.rollback();
        }
    }

    private static boolean exists(Connection c, String table) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + jobTable + " ("
                    + "job_name VARCHAR(200) NOT NULL, kind VARCHAR(32) NOT NULL, spec_hash VARCHAR(64) NOT NULL, spec TEXT NOT NULL,"
                    + " run_no INT NOT NULL, status VARCHAR(16) NOT NULL, owner VARCHAR(200), started_at BIGINT NOT NULL,"
                    + " heartbeat_at BIGINT NOT NULL, finished_at BIGINT, " + THROTTLE + ", " + REQUESTED + ", PRIMARY KEY (job_name))");
            s.execute("CREATE TABLE IF NOT EXISTS " + tableTable + " ("
                    + "job_name VARCHAR(200) NOT NULL, table_name VARCHAR(255) NOT NULL, table_order INT NOT NULL,"
                    + " estimated_rows BIGINT NOT NULL, next_chunk INT NOT NULL, frontier TEXT, exhausted SMALLINT NOT NULL,"
                    + " " + TABLE_REF + ", " + TABLE_IDENTITY + ", " + WRITES + ", PRIMARY KEY (job_name, table_name))");
            s.execute("CREATE TABLE IF NOT EXISTS " + chunkTable + " ("
                    + "job_name VARCHAR(200) NOT NULL, table_name VARCHAR(255) NOT NULL, chunk_no INT NOT NULL,"
                    + " lo TEXT, hi TEXT, status VARCHAR(16) NOT NULL, attempts INT NOT NULL, worker VARCHAR(200),"
                    + " rows_read BIGINT NOT NULL, rows_affected BIGINT NOT NULL, problems BIGINT NOT NULL,"
                    + " started_at BIGINT, finished_at BIGINT, error_message TEXT, sink_position BIGINT NOT NULL,"
                    + " " + PROBLEM_GROUPS + ", PRIMARY KEY (job_name, table_name, chunk_no))");
            s.execute("CREATE TABLE IF NOT EXISTS " + runTable + " ("
                    + "job_name VARCHAR(200) NOT NULL, run_no INT NOT NULL, kind VARCHAR(32) NOT NULL, spec TEXT NOT NULL,"
                    + " settings TEXT, started_by VARCHAR(200), started_host VARCHAR(200), status VARCHAR(16) NOT NULL,"
                    + " rows_done BIGINT NOT NULL, chunks_done BIGINT NOT NULL, chunks_failed BIGINT NOT NULL,"
                    + " started_at BIGINT NOT NULL, finished_at BIGINT, last_request VARCHAR(16), requested_by VARCHAR(200),"
                    + " requested_at BIGINT, PRIMARY KEY (job_name, run_no))");
        }
        c.commit();
    }

    /** Why the run's latency guard slows it down now ("replica lag 2.3 s"), written with each probe; null at full speed. */
    private static final String THROTTLE = "throttle VARCHAR(200)";
    private static final int THROTTLE_LENGTH = 200;

    /** What a user asked of the run from any process (PAUSE, CANCEL; null: nothing), read by each process before it claims a chunk. */
    private static final String REQUESTED = "requested VARCHAR(16)";

    /** Which table a task works on, as the dialect quotes it qualified: the same table however the user named it. */
    private static final String TABLE_REF = "table_ref VARCHAR(600)";
    /** The database's identity of that table (PostgreSQL: its OID), to notice a table dropped and created again. */
    private static final String TABLE_IDENTITY = "table_identity VARCHAR(100)";
    /** A done chunk's problems by kind, with a few examples ({@link ProblemGroups}, JSON); null when it had none. */
    private static final String PROBLEM_GROUPS = "problem_groups TEXT";
    /** 1 when the job writes to the table (an update, not a dry run): at most one such unfinished job per table. */
    private static final String WRITES = "writes SMALLINT";

    /** Adds a column that state tables made by an earlier rowsweep version lack; commits. */
    private static void addIfMissing(Connection c, String table, String columnDefinition) throws SQLException {
        String column = columnDefinition.substring(0, columnDefinition.indexOf(' '));
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0").close();
            c.commit();
            return;
        } catch (SQLException missing) {
            c.rollback();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " ADD " + columnDefinition);
        }
        c.commit();
    }

    /** Whether the state tables exist (without creating them). */
    public boolean tablesExist(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + jobTable)) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- jobs

    public Optional<JobRecord> findJob(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT job_name, kind, spec_hash, spec, run_no, status, owner, started_at,"
                + " heartbeat_at, finished_at, throttle, requested FROM " + jobTable + " WHERE job_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Long finished = rs.getLong(10);
                if (rs.wasNull()) {
                    finished = null;
                }
                return Optional.of(new JobRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        JobStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getLong(8), rs.getLong(9), finished, rs.getString(11),
                        rs.getString(12) == null ? null : ControlRequest.valueOf(rs.getString(12))));
            }
        }
    }

    /** Locks the job's row for the rest of the transaction (claims of a new run, status changes). */
    public void lockJob(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT run_no FROM " + jobTable + " WHERE job_name = ? " + dialect.forUpdate())) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }

    public void insertJob(Connection c, JobRecord job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + jobTable + " (kind, spec_hash, spec, run_no, status, owner,"
                + " started_at, heartbeat_at, job_name, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
            bindRun(ps, job);
            ps.executeUpdate();
        }
    }

    /** Starts a new run of an existing job: new spec, run number + 1, and no chunk or table state left. */
    public void replaceRun(Connection c, JobRecord job) throws SQLException {
        deleteProgress(c, job.name());
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + jobTable + " SET kind = ?, spec_hash = ?, spec = ?, run_no = ?,"
                + " status = ?, owner = ?, started_at = ?, heartbeat_at = ?, finished_at = NULL, requested = NULL WHERE job_name = ?")) {
            bindRun(ps, job);
            ps.executeUpdate();
        }
    }

    /** Binds a run's columns in the order both statements above list them, the job's name last. */
    private static void bindRun(PreparedStatement ps, JobRecord job) throws SQLException {
        ps.setString(1, job.kind());
        ps.setString(2, job.specHash());
        ps.setString(3, job.spec());
        ps.setInt(4, job.run());
        ps.setString(5, job.status().name());
        ps.setString(6, job.owner());
        ps.setLong(7, job.startedAt());
        ps.setLong(8, job.heartbeatAt());
        ps.setString(9, job.name());
    }

    /** Marks a resumed job as running again in this process. */
    public void resume(Connection c, String name, String owner, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + jobTable + " SET status = ?, owner = ?, heartbeat_at = ?,"
                + " finished_at = NULL, requested = NULL WHERE job_name = ?")) {
            ps.setString(1, JobStatus.RUNNING.name());
            ps.setString(2, owner);
            ps.setLong(3, now);
            ps.setString(4, name);
            ps.executeUpdate();
        }
    }

    public void heartbeat(Connection c, String name, String owner, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + jobTable + " SET heartbeat_at = ? WHERE job_name = ? AND owner = ?")) {
            ps.setLong(1, now);
            ps.setString(2, name);
            ps.setString(3, owner);
            ps.executeUpdate();
        }
    }

    /**
     * Writes the job's heartbeat whoever owns it: a one-row write whose commit the latency guard
     * times, as the application's commits would be (the same log, locks and CPU).
     */
    public void probe(Connection c, String name, long now) throws SQLException {
        probe(c, name, now, null);
    }

    /** {@link #probe(Connection, String, long)}, also recording why the run is slowed down now (null: it is not). */
    public void probe(Connection c, String name, long now, String throttle) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + jobTable + " SET heartbeat_at = ?, throttle = ? WHERE job_name = ?")) {
            ps.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            ps.setLong(1, now);
            ps.setString(2, throttle == null || throttle.length() <= THROTTLE_LENGTH ? throttle : throttle.substring(0, THROTTLE_LENGTH));
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    /** The run's heartbeat as a replica has it: one parameter, the job name (see {@link #probe}). */
    public String heartbeatQuery() {
        return "SELECT heartbeat_at FROM " + jobTable + " WHERE job_name = ?";
    }

    /** A probe that takes this long stands for a database in trouble; waiting longer tells nothing more. */
    public static final int PROBE_TIMEOUT_SECONDS = 2;

    public void finishJob(Connection c, String name, JobStatus status, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + jobTable + " SET status = ?, heartbeat_at = ?, finished_at = ?, throttle = NULL,"
                + " requested = NULL WHERE job_name = ?")) {
            ps.setString(1, status.name());
            ps.setLong(2, now);
            if (status.finished() || status == JobStatus.CANCELLED) {
                ps.setLong(3, now);
            } else {
                ps.setNull(3, Types.BIGINT);
            }
            ps.setString(4, name);
            ps.executeUpdate();
        }
    }

    public void deleteProgress(Connection c, String name) throws SQLException {
        for (String table : List.of(chunkTable, tableTable)) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job_name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
        }
    }

    public List<JobRecord> listJobs(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT job_name FROM " + jobTable + " ORDER BY started_at DESC")) {
            return jobsNamedBy(c, ps);
        }
    }

    /** The jobs whose names {@code names} selects (a query of job names), in its order. */
    private List<JobRecord> jobsNamedBy(Connection c, PreparedStatement names) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = names.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        List<JobRecord> jobs = new ArrayList<>();
        for (String n : found) {
            findJob(c, n).ifPresent(jobs::add);
        }
        return jobs;
    }

    // ---------------------------------------------------------------- control (pause, resume, cancel)

    /**
     * What a process needs to know before it claims a chunk: which run the job is at, its status
     * and what was requested of it. A read of one row by its key.
     */
    public record Control(int run, JobStatus status, ControlRequest requested) {
    }

    public Optional<Control> control(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT run_no, status, requested FROM " + jobTable + " WHERE job_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String requested = rs.getString(3);
                return Optional.of(new Control(rs.getInt(1), JobStatus.valueOf(rs.getString(2)),
                        requested == null ? null : ControlRequest.valueOf(requested)));
            }
        }
    }

    /** Records what was requested of the job's run (null: nothing, a resume) and sets its status. */
    public void request(Connection c, String name, ControlRequest requested, JobStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + jobTable + " SET requested = ?, status = ? WHERE job_name = ?")) {
            ps.setString(1, requested == null ? null : requested.name());
            ps.setString(2, status.name());
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    /**
     * Records that a request took effect in every process (none runs a chunk of the run any
     * more): PAUSED for a pause, CANCELLED (finished now) for a cancel; in the run's history too.
     *
     * @return false when the request is no longer there (resumed meanwhile) or was acknowledged already
     */
    public boolean acknowledge(Connection c, String name, ControlRequest request, long now) throws SQLException {
        JobStatus status = request == ControlRequest.PAUSE ? JobStatus.PAUSED : JobStatus.CANCELLED;
        int changed;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + jobTable + " SET status = ?, finished_at = ?, throttle = NULL"
                + " WHERE job_name = ? AND requested = ? AND status IN (?, ?)")) {
            ps.setString(1, status.name());
            if (status == JobStatus.CANCELLED) {
                ps.setLong(2, now);
            } else {
                ps.setNull(2, Types.BIGINT);
            }
            ps.setString(3, name);
            ps.setString(4, request.name());
            ps.setString(5, JobStatus.RUNNING.name());
            ps.setString(6, request == ControlRequest.CANCEL ? JobStatus.PAUSED.name() : JobStatus.RUNNING.name());
            changed = ps.executeUpdate();
        }
        if (changed == 1) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + runTable + " SET status = ?, finished_at = ? WHERE job_name = ?"
                    + " AND run_no = (SELECT run_no FROM " + jobTable + " WHERE job_name = ?)")) {
                ps.setString(1, status.name());
                if (status == JobStatus.CANCELLED) {
                    ps.setLong(2, now);
                } else {
                    ps.setNull(2, Types.BIGINT);
                }
                ps.setString(3, name);
                ps.setString(4, name);
                ps.executeUpdate();
            }
        }
        return changed == 1;
    }

    // ---------------------------------------------------------------- run history

    /**
     * Records a run's start in its history: a new row for a new run; for a resumed one, the row
     * its first start wrote (or a new one, for a run an earlier version started), RUNNING again.
     */
    public void recordRunStart(Connection c, JobRecord job, String settings, String user, String host) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runTable + " SET status = ?, finished_at = NULL"
                + " WHERE job_name = ? AND run_no = ?")) {
            ps.setString(1, JobStatus.RUNNING.name());
            ps.setString(2, job.name());
            ps.setInt(3, job.run());
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + runTable + " (job_name, run_no, kind, spec, settings, started_by,"
                + " started_host, status, rows_done, chunks_done, chunks_failed, started_at, finished_at, last_request, requested_by,"
                + " requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, NULL, NULL, NULL, NULL)")) {
            ps.setString(1, job.name());
            ps.setInt(2, job.run());
            ps.setString(3, job.kind());
            ps.setString(4, job.spec());
            ps.setString(5, settings);
            ps.setString(6, cut(user, 200));
            ps.setString(7, cut(host, 200));
            ps.setString(8, JobStatus.RUNNING.name());
            ps.setLong(9, job.startedAt());
            ps.executeUpdate();
        }
    }

    /** Records how a run ended (or where it stands when this process leaves it) in its history. */
    public void recordRunEnd(Connection c, String name, int run, JobStatus status, long rows, long chunksDone, long chunksFailed,
                             long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runTable + " SET status = ?, rows_done = ?, chunks_done = ?,"
                + " chunks_failed = ?, finished_at = ? WHERE job_name = ? AND run_no = ?")) {
            ps.setString(1, status.name());
            ps.setLong(2, rows);
            ps.setLong(3, chunksDone);
            ps.setLong(4, chunksFailed);
            if (status.finished() || status == JobStatus.CANCELLED) {
                ps.setLong(5, now);
            } else {
                ps.setNull(5, Types.BIGINT);
            }
            ps.setString(6, name);
            ps.setInt(7, run);
            ps.executeUpdate();
        }
    }

    /** Records who asked what of a run (PAUSE, RESUME, CANCEL) and when, and the run's status now. */
    public void recordRequest(Connection c, String name, int run, String request, String by, JobStatus status, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runTable + " SET last_request = ?, requested_by = ?, requested_at = ?,"
                + " status = ? WHERE job_name = ? AND run_no = ?")) {
            ps.setString(1, request);
            ps.setString(2, cut(by, 200));
            ps.setLong(3, now);
            ps.setString(4, status.name());
            ps.setString(5, name);
            ps.setInt(6, run);
            ps.executeUpdate();
        }
    }

    /** The job's runs, the latest first; every job's when {@code name} is null. */
    public List<RunRecord> runs(Connection c, String name) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT job_name, run_no, kind, spec, settings, started_by, started_host, status,"
                + " rows_done, chunks_done, chunks_failed, started_at, finished_at, last_request, requested_by, requested_at FROM "
                + runTable + (name == null ? "" : " WHERE job_name = ?") + " ORDER BY started_at DESC, run_no DESC")) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new RunRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), JobStatus.valueOf(rs.getString(8)), rs.getLong(9), rs.getLong(10),
                            rs.getLong(11), rs.getLong(12), nullableLong(rs, 13), rs.getString(14), rs.getString(15),
                            nullableLong(rs, 16)));
                }
            }
        }
        return runs;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String cut(String s, int length) {
        return s == null || s.length() <= length ? s : s.substring(0, length);
    }

    // ---------------------------------------------------------------- tables

    /**
     * Adds a table's cursor unless the job already has one (a resumed run keeps its frontier);
     * records which table it is ({@code target}) either way, for cursors an earlier version made.
     */
    public void ensureCursor(Connection c, String job, String table, int order, long estimatedRows, TableTarget target)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tableTable + " SET table_ref = ?, table_identity = ?, writes = ?"
                + " WHERE job_name = ? AND table_name = ?")) {
            bindTarget(ps, target);
            ps.setString(4, job);
            ps.setString(5, table);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tableTable + " (table_ref, table_identity, writes, job_name,"
                + " table_name, table_order, estimated_rows, next_chunk, frontier, exhausted) VALUES (?, ?, ?, ?, ?, ?, ?, 1, NULL, 0)")) {
            bindTarget(ps, target);
            ps.setString(4, job);
            ps.setString(5, table);
            ps.setInt(6, order);
            ps.setLong(7, estimatedRows);
            ps.executeUpdate();
        }
    }

    private static void bindTarget(PreparedStatement ps, TableTarget target) throws SQLException {
        ps.setString(1, target.ref());
        ps.setString(2, target.identity());
        ps.setInt(3, target.writes() ? 1 : 0);
    }

    /** Per task of the job, the table it worked on as recorded (an earlier version's cursors: ref and identity null). */
    public Map<String, TableTarget> targets(Connection c, String job) throws SQLException {
        Map<String, TableTarget> targets = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, table_ref, table_identity, writes FROM " + tableTable
                + " WHERE job_name = ? ORDER BY table_order")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    targets.put(rs.getString(1), new TableTarget(rs.getString(2), rs.getString(3), rs.getInt(4) == 1));
                }
            }
        }
        return targets;
    }

    /** The unfinished jobs other than {@code job} that write to the table {@code tableRef} names. */
    public List<JobRecord> unfinishedWriters(Connection c, String tableRef, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT j.job_name FROM " + jobTable + " j JOIN " + tableTable
                + " t ON t.job_name = j.job_name WHERE t.table_ref = ? AND t.writes = 1 AND j.status <> ? AND j.job_name <> ?"
                + " ORDER BY j.started_at")) {
            ps.setString(1, tableRef);
            ps.setString(2, JobStatus.DONE.name());
            ps.setString(3, job);
            return jobsNamedBy(c, ps);
        }
    }

    /** Reads a table's cursor; with {@code lock}, holds its row lock until the transaction ends (claims). */
    public TableCursorRecord readCursor(Connection c, String job, String table, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_order, estimated_rows, next_chunk, frontier, exhausted FROM " + tableTable
                + " WHERE job_name = ? AND table_name = ?" + (lock ? " " + dialect.forUpdate() : ""))) {
            ps.setString(1, job);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no cursor for table " + table + " of job " + job);
                }
                return new TableCursorRecord(table, rs.getInt(1), rs.getLong(2), rs.getInt(3), KeyCodec.decode(rs.getString(4)),
                        rs.getInt(5) != 0);
            }
        }
    }

    public List<TableCursorRecord> readCursors(Connection c, String job) throws SQLException {
        List<TableCursorRecord> cursors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, table_order, estimated_rows, next_chunk, frontier, exhausted FROM "
                + tableTable + " WHERE job_name = ? ORDER BY table_order")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cursors.add(new TableCursorRecord(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getInt(4),
                            KeyCodec.decode(rs.getString(5)), rs.getInt(6) != 0));
                }
            }
        }
        return cursors;
    }

    /** Moves a table's frontier past a newly planned chunk. */
    public void advanceCursor(Connection c, String job, String table, int nextChunk, String[] frontier, boolean exhausted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tableTable + " SET next_chunk = ?, frontier = ?, exhausted = ?"
                + " WHERE job_name = ? AND table_name = ?")) {
            ps.setInt(1, nextChunk);
            ps.setString(2, KeyCodec.encode(frontier));
            ps.setInt(3, exhausted ? 1 : 0);
            ps.setString(4, job);
            ps.setString(5, table);
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- chunks

    public void insertChunk(Connection c, String job, Chunk chunk, String worker, long now) throws SQLException {
        insertChunk(c, job, chunk, worker, 1, now);
    }

    /**
     * Records a chunk planned for whichever process takes it (distributed mode): RUNNING, so a
     * run is not over while it waits, with no attempt yet and {@link #QUEUED} as its worker.
     */
    public void insertQueuedChunk(Connection c, String job, Chunk chunk, long now) throws SQLException {
        insertChunk(c, job, chunk, QUEUED, 0, now);
    }

    private void insertChunk(Connection c, String job, Chunk chunk, String worker, int attempts, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + chunkTable + " (job_name, table_name, chunk_no, lo, hi, status,"
                + " attempts, worker, rows_read, rows_affected, problems, started_at, finished_at, error_message, sink_position)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, NULL, NULL, -1)")) {
            ps.setString(1, job);
            ps.setString(2, chunk.table());
            ps.setInt(3, chunk.number());
            ps.setString(4, KeyCodec.encode(chunk.lo()));
            ps.setString(5, KeyCodec.encode(chunk.hi()));
            ps.setString(6, ChunkStatus.RUNNING.name());
            ps.setInt(7, attempts);
            ps.setString(8, worker);
            ps.setLong(9, now);
            ps.executeUpdate();
        }
    }

    /**
     * Queues a job's FAILED chunks again (a distributed run resuming): RUNNING, worker
     * {@link #QUEUED}, so the run is not over until they are redone.
     *
     * @return how many
     */
    public int requeueFailed(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + chunkTable + " SET status = ?, worker = ? WHERE job_name = ? AND status = ?")) {
            ps.setString(1, ChunkStatus.RUNNING.name());
            ps.setString(2, QUEUED);
            ps.setString(3, job);
            ps.setString(4, ChunkStatus.FAILED.name());
            return ps.executeUpdate();
        }
    }

    /**
     * Takes a chunk again (a retry, or a resumed run redoing it): RUNNING, one more attempt.
     *
     * @return false if the chunk is DONE: an earlier attempt's commit reached the database even
     *         though its acknowledgement was lost, so the chunk must not be done again
     */
    public boolean restartChunk(Connection c, String job, Chunk chunk, String worker, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + chunkTable + " SET status = ?, attempts = attempts + 1, worker = ?,"
                + " started_at = ?, finished_at = NULL WHERE job_name = ? AND table_name = ? AND chunk_no = ? AND status <> ?")) {
            ps.setString(1, ChunkStatus.RUNNING.name());
            ps.setString(2, worker);
            ps.setLong(3, now);
            ps.setString(4, job);
            ps.setString(5, chunk.table());
            ps.setInt(6, chunk.number());
            ps.setString(7, ChunkStatus.DONE.name());
            return ps.executeUpdate() == 1;
        }
    }

    /** One chunk's row, or null. */
    public ChunkRecord chunk(Connection c, String job, String table, int number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lo, hi, status, attempts, worker, rows_read, rows_affected, problems,"
                + " started_at, finished_at, error_message, sink_position FROM " + chunkTable
                + " WHERE job_name = ? AND table_name = ? AND chunk_no = ?")) {
            ps.setString(1, job);
            ps.setString(2, table);
            ps.setInt(3, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Chunk chunk = new Chunk(table, number, KeyCodec.decode(rs.getString(1)), KeyCodec.decode(rs.getString(2)));
                return new ChunkRecord(chunk, ChunkStatus.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getString(11), rs.getLong(12));
            }
        }
    }

    /**
     * Records a chunk as done, in the caller's transaction: committing that transaction commits
     * the chunk's work and its checkpoint together.
     *
     * @return false if the chunk was not RUNNING (another process finished it): the caller must roll back
     */
    public boolean markDone(Connection c, String job, Chunk chunk, long rows, long affected, long problems,
                            List<ProblemGroup> problemGroups, long startedAt, long finishedAt, long sinkPosition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + chunkTable + " SET status = ?, rows_read = ?, rows_affected = ?,"
                + " problems = ?, problem_groups = ?, started_at = ?, finished_at = ?, error_message = NULL, sink_position = ?"
                + " WHERE job_name = ? AND table_name = ? AND chunk_no = ? AND status = ?")) {
            ps.setString(1, ChunkStatus.DONE.name());
            ps.setLong(2, rows);
            ps.setLong(3, affected);
            ps.setLong(4, problems);
            ps.setString(5, ProblemGroups.encode(problemGroups));
            ps.setLong(6, startedAt);
            ps.setLong(7, finishedAt);
            ps.setLong(8, sinkPosition);
            ps.setString(9, job);
            ps.setString(10, chunk.table());
            ps.setInt(11, chunk.number());
            ps.setString(12, ChunkStatus.RUNNING.name());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records a chunk's attempt as failed for good.
     *
     * @return false if the chunk is DONE: another attempt (another process's, or an earlier one
     *         whose acknowledgement was lost) committed it, and that stands
     */
    public boolean markFailed(Connection c, String job, Chunk chunk, String error, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + chunkTable + " SET status = ?, error_message = ?, finished_at = ?"
                + " WHERE job_name = ? AND table_name = ? AND chunk_no = ? AND status <> ?")) {
            ps.setString(1, ChunkStatus.FAILED.name());
            ps.setString(2, error.length() > 4000 ? error.substring(0, 4000) : error);
            ps.setLong(3, now);
            ps.setString(4, job);
            ps.setString(5, chunk.table());
            ps.setInt(6, chunk.number());
            ps.setString(7, ChunkStatus.DONE.name());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * A task's DONE chunks numbered above {@code afterNumber}, in number order (an index range
     * scan): lets a planner in any process learn chunk times from the chunks done since it last looked.
     */
    public List<ChunkRecord> doneChunksAfter(Connection c, String job, String table, int afterNumber) throws SQLException {
        List<ChunkRecord> chunks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CHUNK_COLUMNS + " FROM " + chunkTable
                + " WHERE job_name = ? AND table_name = ? AND chunk_no > ? AND status = ? ORDER BY chunk_no")) {
            ps.setString(1, job);
            ps.setString(2, table);
            ps.setInt(3, afterNumber);
            ps.setString(4, ChunkStatus.DONE.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chunks.add(chunkRecord(rs));
                }
            }
        }
        return chunks;
    }

    /** The chunks of a job that are not done (crashed while running, or failed), in table and chunk order. */
    public List<Chunk> unfinishedChunks(Connection c, String job) throws SQLException {
        return chunksWhere(c, job, "status <> ?", ChunkStatus.DONE);
    }

    /** The chunks of a job recorded as RUNNING. */
    public List<Chunk> runningChunks(Connection c, String job) throws SQLException {
        return chunksWhere(c, job, "status = ?", ChunkStatus.RUNNING);
    }

    private List<Chunk> chunksWhere(Connection c, String job, String condition, ChunkStatus status) throws SQLException {
        List<Chunk> chunks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, chunk_no, lo, hi FROM " + chunkTable
                + " WHERE job_name = ? AND " + condition + " ORDER BY table_name, chunk_no")) {
            ps.setString(1, job);
            ps.setString(2, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chunks.add(new Chunk(rs.getString(1), rs.getInt(2), KeyCodec.decode(rs.getString(3)), KeyCodec.decode(rs.getString(4))));
                }
            }
        }
        return chunks;
    }

    /** All chunk rows of a job, in finishing order; used by reports and the status command. */
    public List<ChunkRecord> chunks(Connection c, String job) throws SQLException {
        List<ChunkRecord> chunks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CHUNK_COLUMNS + " FROM " + chunkTable
                + " WHERE job_name = ? ORDER BY started_at, table_name, chunk_no")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chunks.add(chunkRecord(rs));
                }
            }
        }
        return chunks;
    }

    private static final String CHUNK_COLUMNS = "table_name, chunk_no, lo, hi, status, attempts, worker, rows_read, rows_affected,"
            + " problems, started_at, finished_at, error_message, sink_position";

    /** A chunk row read with {@link #CHUNK_COLUMNS}. */
    private static ChunkRecord chunkRecord(ResultSet rs) throws SQLException {
        Chunk chunk = new Chunk(rs.getString(1), rs.getInt(2), KeyCodec.decode(rs.getString(3)), KeyCodec.decode(rs.getString(4)));
        return new ChunkRecord(chunk, ChunkStatus.valueOf(rs.getString(5)), rs.getInt(6), rs.getString(7), rs.getLong(8),
                rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getString(13), rs.getLong(14));
    }

    /** Per table and status: chunk count and row/affected/problem sums. */
    public Map<String, Map<ChunkStatus, ChunkTotals>> totals(Connection c, String job) throws SQLException {
        Map<String, Map<ChunkStatus, ChunkTotals>> totals = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, status, count(*), sum(rows_read), sum(rows_affected), sum(problems),"
                + " sum(CASE WHEN finished_at IS NULL OR started_at IS NULL THEN 0 ELSE finished_at - started_at END) FROM " + chunkTable
                + " WHERE job_name = ? GROUP BY table_name, status ORDER BY table_name")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(ChunkStatus.valueOf(rs.getString(2)),
                                    new ChunkTotals(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        return totals;
    }

    /**
     * The problems of the job's done chunks by kind, added up (streamed: one chunk's groups in
     * memory at a time), with at most {@code samples} examples of each kind.
     */
    public List<ProblemGroup> problemGroups(Connection c, String job, int samples) throws SQLException {
        ProblemGroups.Sum sum = new ProblemGroups.Sum(samples);
        try (PreparedStatement ps = c.prepareStatement("SELECT problem_groups FROM " + chunkTable
                + " WHERE job_name = ? AND status = ? AND problem_groups IS NOT NULL ORDER BY table_name, chunk_no")) {
            ps.setString(1, job);
            ps.setString(2, ChunkStatus.DONE.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum.add(ProblemGroups.decode(rs.getString(1)));
                }
            }
        }
        return sum.groups();
    }

    /** The largest sink position any done chunk of the job recorded, or -1. */
    public long maxSinkPosition(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(sink_position) FROM " + chunkTable + " WHERE job_name = ? AND status = ?")) {
            ps.setString(1, job);
            ps.setString(2, ChunkStatus.DONE.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? -1 : v;
                }
                return -1;
            }
        }
    }
}
