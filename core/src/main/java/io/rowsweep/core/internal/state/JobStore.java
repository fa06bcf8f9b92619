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
        return Sql.first(c, "SELECT job_name, kind, spec_hash, spec, run_no, status, owner, started_at, heartbeat_at, finished_at,"
                + " throttle, requested FROM " + jobTable + " WHERE job_name = ?", rs -> new JobRecord(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getInt(5), JobStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getLong(8),
                rs.getLong(9), nullableLong(rs, 10), rs.getString(11),
                rs.getString(12) == null ? null : ControlRequest.valueOf(rs.getString(12))), name);
    }

    /** Locks the job's row for the rest of the transaction (claims of a new run, status changes). */
    public void lockJob(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = Sql.prepare(c, "SELECT run_no FROM " + jobTable + " WHERE job_name = ? " + dialect.forUpdate(), name)) {
            ps.executeQuery().close();
        }
    }

    public void insertJob(Connection c, JobRecord job) throws SQLException {
        Sql.update(c, "INSERT INTO " + jobTable + " (kind, spec_hash, spec, run_no, status, owner, started_at, heartbeat_at, job_name,"
                + " finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)", runColumns(job));
    }

    /** Starts a new run of an existing job: new spec, run number + 1, and no chunk or table state left. */
    public void replaceRun(Connection c, JobRecord job) throws SQLException {
        deleteProgress(c, job.name());
        Sql.update(c, "UPDATE " + jobTable + " SET kind = ?, spec_hash = ?, spec = ?, run_no = ?, status = ?, owner = ?, started_at = ?,"
                + " heartbeat_at = ?, finished_at = NULL, requested = NULL WHERE job_name = ?", runColumns(job));
    }

    /** A run's columns in the order both statements above list them, the job's name last. */
    private static Object[] runColumns(JobRecord job) {
        return new Object[] {job.kind(), job.specHash(), job.spec(), job.run(), job.status(), job.owner(), job.startedAt(),
                job.heartbeatAt(), job.name()};
    }

    /** Marks a resumed job as running again in this process. */
    public void resume(Connection c, String name, String owner, long now) throws SQLException {
        Sql.update(c, "UPDATE " + jobTable + " SET status = ?, owner = ?, heartbeat_at = ?, finished_at = NULL, requested = NULL"
                + " WHERE job_name = ?", JobStatus.RUNNING, owner, now, name);
    }

    public void heartbeat(Connection c, String name, String owner, long now) throws SQLException {
        Sql.update(c, "UPDATE " + jobTable + " SET heartbeat_at = ? WHERE job_name = ? AND owner = ?", now, name, owner);
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
        try (PreparedStatement ps = Sql.prepare(c, "UPDATE " + jobTable + " SET heartbeat_at = ?, throttle = ? WHERE job_name = ?", now,
                cut(throttle, THROTTLE_LENGTH), name)) {
            ps.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
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
        Sql.update(c, "UPDATE " + jobTable + " SET status = ?, heartbeat_at = ?, finished_at = ?, throttle = NULL, requested = NULL"
                + " WHERE job_name = ?", status, now, endedAt(status, now), name);
    }

    public void deleteProgress(Connection c, String name) throws SQLException {
        for (String table : List.of(chunkTable, tableTable)) {
            Sql.update(c, "DELETE FROM " + table + " WHERE job_name = ?", name);
        }
    }

    public List<JobRecord> listJobs(Connection c) throws SQLException {
        return jobsNamed(c, Sql.list(c, "SELECT job_name FROM " + jobTable + " ORDER BY started_at DESC", rs -> rs.getString(1)));
    }

    /** The jobs named {@code names}, in its order. */
    private List<JobRecord> jobsNamed(Connection c, List<String> names) throws SQLException {
        List<JobRecord> jobs = new ArrayList<>();
        for (String n : names) {
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
        return Sql.first(c, "SELECT run_no, status, requested FROM " + jobTable + " WHERE job_name = ?", rs -> new Control(rs.getInt(1),
                JobStatus.valueOf(rs.getString(2)), rs.getString(3) == null ? null : ControlRequest.valueOf(rs.getString(3))), name);
    }

    /** Records what was requested of the job's run (null: nothing, a resume) and sets its status. */
    public void request(Connection c, String name, ControlRequest requested, JobStatus status) throws SQLException {
        Sql.update(c, "UPDATE " + jobTable + " SET requested = ?, status = ? WHERE job_name = ?", requested, status, name);
    }

    /**
     * Records that a request took effect in every process (none runs a chunk of the run any
     * more): PAUSED for a pause, CANCELLED (finished now) for a cancel; in the run's history too.
     *
     * @return false when the request is no longer there (resumed meanwhile) or was acknowledged already
     */
    public boolean acknowledge(Connection c, String name, ControlRequest request, long now) throws SQLException {
        JobStatus status = request == ControlRequest.PAUSE ? JobStatus.PAUSED : JobStatus.CANCELLED;
        Object finishedAt = endedAt(status, now);
        int changed = Sql.update(c, "UPDATE " + jobTable + " SET status = ?, finished_at = ?, throttle = NULL"
                + " WHERE job_name = ? AND requested = ? AND status IN (?, ?)", status, finishedAt, name, request, JobStatus.RUNNING,
                request == ControlRequest.CANCEL ? JobStatus.PAUSED : JobStatus.RUNNING);
        if (changed == 1) {
            Sql.update(c, "UPDATE " + runTable + " SET status = ?, finished_at = ? WHERE job_name = ?"
                    + " AND run_no = (SELECT run_no FROM " + jobTable + " WHERE job_name = ?)", status, finishedAt, name, name);
        }
        return changed == 1;
    }

    // ---------------------------------------------------------------- run history

    /**
     * Records a run's start in its history: a new row for a new run; for a resumed one, the row
     * its first start wrote (or a new one, for a run an earlier version started), RUNNING again.
     */
    public void recordRunStart(Connection c, JobRecord job, String settings, String user, String host) throws SQLException {
        if (Sql.update(c, "UPDATE " + runTable + " SET status = ?, finished_at = NULL WHERE job_name = ? AND run_no = ?",
                JobStatus.RUNNING, job.name(), job.run()) == 1) {
            return;
        }
        Sql.update(c, "INSERT INTO " + runTable + " (job_name, run_no, kind, spec, settings, started_by, started_host, status, rows_done,"
                + " chunks_done, chunks_failed, started_at, finished_at, last_request, requested_by, requested_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, NULL, NULL, NULL, NULL)", job.name(), job.run(), job.kind(), job.spec(),
                settings, cut(user, 200), cut(host, 200), JobStatus.RUNNING, job.startedAt());
    }

    /** Records how a run ended (or where it stands when this process leaves it) in its history. */
    public void recordRunEnd(Connection c, String name, int run, JobStatus status, long rows, long chunksDone, long chunksFailed,
                             long now) throws SQLException {
        Sql.update(c, "UPDATE " + runTable + " SET status = ?, rows_done = ?, chunks_done = ?, chunks_failed = ?, finished_at = ?"
                + " WHERE job_name = ? AND run_no = ?", status, rows, chunksDone, chunksFailed, endedAt(status, now), name, run);
    }

    /** Records who asked what of a run (PAUSE, RESUME, CANCEL) and when, and the run's status now. */
    public void recordRequest(Connection c, String name, int run, String request, String by, JobStatus status, long now) throws SQLException {
        Sql.update(c, "UPDATE " + runTable + " SET last_request = ?, requested_by = ?, requested_at = ?, status = ?"
                + " WHERE job_name = ? AND run_no = ?", request, cut(by, 200), now, status, name, run);
    }

    /** The job's runs, the latest first; every job's when {@code name} is null. */
    public List<RunRecord> runs(Connection c, String name) throws SQLException {
        return Sql.list(c, "SELECT job_name, run_no, kind, spec, settings, started_by, started_host, status, rows_done, chunks_done,"
                + " chunks_failed, started_at, finished_at, last_request, requested_by, requested_at FROM " + runTable
                + (name == null ? "" : " WHERE job_name = ?") + " ORDER BY started_at DESC, run_no DESC",
                rs -> new RunRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), JobStatus.valueOf(rs.getString(8)), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                        nullableLong(rs, 13), rs.getString(14), rs.getString(15), nullableLong(rs, 16)),
                name == null ? new Object[0] : new Object[] {name});
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String cut(String s, int length) {
        return s == null || s.length() <= length ? s : s.substring(0, length);
    }

    /** When a run in {@code status} ended: now when done or cancelled, else null (it may go on). */
    private static Object endedAt(JobStatus status, long now) {
        return status.finished() || status == JobStatus.CANCELLED ? now : Sql.NULL_BIGINT;
    }

    // ---------------------------------------------------------------- tables

    /**
     * Adds a table's cursor unless the job already has one (a resumed run keeps its frontier);
     * records which table it is ({@code target}) either way, for cursors an earlier version made.
     */
    public void ensureCursor(Connection c, String job, String table, int order, long estimatedRows, TableTarget target)
            throws SQLException {
        int writes = target.writes() ? 1 : 0;
        if (Sql.update(c, "UPDATE " + tableTable + " SET table_ref = ?, table_identity = ?, writes = ?"
                + " WHERE job_name = ? AND table_name = ?", target.ref(), target.identity(), writes, job, table) > 0) {
            return;
        }
        Sql.update(c, "INSERT INTO " + tableTable + " (table_ref, table_identity, writes, job_name, table_name, table_order,"
                + " estimated_rows, next_chunk, frontier, exhausted) VALUES (?, ?, ?, ?, ?, ?, ?, 1, NULL, 0)", target.ref(),
                target.identity(), writes, job, table, order, estimatedRows);
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
        return jobsNamed(c, Sql.list(c, "SELECT j.job_name FROM " + jobTable + " j JOIN " + tableTable + " t ON t.job_name = j.job_name"
                + " WHERE t.table_ref = ? AND t.writes = 1 AND j.status <> ? AND j.job_name <> ? ORDER BY j.started_at",
                rs -> rs.getString(1), tableRef, JobStatus.DONE, job));
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
        return Sql.list(c, "SELECT table_name, table_order, estimated_rows, next_chunk, frontier, exhausted FROM " + tableTable
                + " WHERE job_name = ? ORDER BY table_order", rs -> new TableCursorRecord(rs.getString(1), rs.getInt(2), rs.getLong(3),
                rs.getInt(4), KeyCodec.decode(rs.getString(5)), rs.getInt(6) != 0), job);
    }

    /** Moves a table's frontier past a newly planned chunk. */
    public void advanceCursor(Connection c, String job, String table, int nextChunk, String[] frontier, boolean exhausted) throws SQLException {
        Sql.update(c, "UPDATE " + tableTable + " SET next_chunk = ?, frontier = ?, exhausted = ? WHERE job_name = ? AND table_name = ?",
                nextChunk, KeyCodec.encode(frontier), exhausted ? 1 : 0, job, table);
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
        Sql.update(c, "INSERT INTO " + chunkTable + " (job_name, table_name, chunk_no, lo, hi, status, attempts, worker, rows_read,"
                + " rows_affected, problems, started_at, finished_at, error_message, sink_position)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, NULL, NULL, -1)", job, chunk.table(), chunk.number(),
                KeyCodec.encode(chunk.lo()), KeyCodec.encode(chunk.hi()), ChunkStatus.RUNNING, attempts, worker, now);
    }

    /**
     * Queues a job's FAILED chunks again (a distributed run resuming): RUNNING, worker
     * {@link #QUEUED}, so the run is not over until they are redone.
     *
     * @return how many
     */
    public int requeueFailed(Connection c, String job) throws SQLException {
        return Sql.update(c, "UPDATE " + chunkTable + " SET status = ?, worker = ? WHERE job_name = ? AND status = ?", ChunkStatus.RUNNING,
                QUEUED, job, ChunkStatus.FAILED);
    }

    /**
     * Takes a chunk again (a retry, or a resumed run redoing it): RUNNING, one more attempt.
     *
     * @return false if the chunk is DONE: an earlier attempt's commit reached the database even
     *         though its acknowledgement was lost, so the chunk must not be done again
     */
    public boolean restartChunk(Connection c, String job, Chunk chunk, String worker, long now) throws SQLException {
        return Sql.update(c, "UPDATE " + chunkTable + " SET status = ?, attempts = attempts + 1, worker = ?, started_at = ?,"
                + " finished_at = NULL WHERE job_name = ? AND table_name = ? AND chunk_no = ? AND status <> ?", ChunkStatus.RUNNING, worker,
                now, job, chunk.table(), chunk.number(), ChunkStatus.DONE) == 1;
    }

    /** One chunk's row, or null. */
    public ChunkRecord chunk(Connection c, String job, String table, int number) throws SQLException {
        return Sql.first(c, "SELECT lo, hi, status, attempts, worker, rows_read, rows_affected, problems, started_at, finished_at,"
                + " error_message, sink_position FROM " + chunkTable + " WHERE job_name = ? AND table_name = ? AND chunk_no = ?",
                rs -> new ChunkRecord(new Chunk(table, number, KeyCodec.decode(rs.getString(1)), KeyCodec.decode(rs.getString(2))),
                        ChunkStatus.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getLong(9), rs.getLong(10), rs.getString(11), rs.getLong(12)), job, table, number).orElse(null);
    }

    /**
     * Records a chunk as done, in the caller's transaction: committing that transaction commits
     * the chunk's work and its checkpoint together.
     *
     * @return false if the chunk was not RUNNING (another process finished it): the caller must roll back
     */
    public boolean markDone(Connection c, String job, Chunk chunk, long rows, long affected, long problems,
                            List<ProblemGroup> problemGroups, long startedAt, long finishedAt, long sinkPosition) throws SQLException {
        return Sql.update(c, "UPDATE " + chunkTable + " SET status = ?, rows_read = ?, rows_affected = ?, problems = ?, problem_groups = ?,"
                + " started_at = ?, finished_at = ?, error_message = NULL, sink_position = ?"
                + " WHERE job_name = ? AND table_name = ? AND chunk_no = ? AND status = ?", ChunkStatus.DONE, rows, affected, problems,
                ProblemGroups.encode(problemGroups), startedAt, finishedAt, sinkPosition, job, chunk.table(), chunk.number(),
                ChunkStatus.RUNNING) == 1;
    }

    /**
     * Records a chunk's attempt as failed for good.
     *
     * @return false if the chunk is DONE: another attempt (another process's, or an earlier one
     *         whose acknowledgement was lost) committed it, and that stands
     */
    public boolean markFailed(Connection c, String job, Chunk chunk, String error, long now) throws SQLException {
        return Sql.update(c, "UPDATE " + chunkTable + " SET status = ?, error_message = ?, finished_at = ?"
                + " WHERE job_name = ? AND table_name = ? AND chunk_no = ? AND status <> ?", ChunkStatus.FAILED,
                error.length() > 4000 ? error.substring(0, 4000) : error, now, job, chunk.table(), chunk.number(), ChunkStatus.DONE) == 1;
    }

    /**
     * A task's DONE chunks numbered above {@code afterNumber}, in number order (an index range
     * scan): lets a planner in any process learn chunk times from the chunks done since it last looked.
     */
    public List<ChunkRecord> doneChunksAfter(Connection c, String job, String table, int afterNumber) throws SQLException {
        return Sql.list(c, "SELECT " + CHUNK_COLUMNS + " FROM " + chunkTable
                + " WHERE job_name = ? AND table_name = ? AND chunk_no > ? AND status = ? ORDER BY chunk_no", JobStore::chunkRecord,
                job, table, afterNumber, ChunkStatus.DONE);
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
        return Sql.list(c, "SELECT table_name, chunk_no, lo, hi FROM " + chunkTable + " WHERE job_name = ? AND " + condition
                + " ORDER BY table_name, chunk_no", rs -> new Chunk(rs.getString(1), rs.getInt(2), KeyCodec.decode(rs.getString(3)),
                KeyCodec.decode(rs.getString(4))), job, status);
    }

    /** All chunk rows of a job, in finishing order; used by reports and the status command. */
    public List<ChunkRecord> chunks(Connection c, String job) throws SQLException {
        return Sql.list(c, "SELECT " + CHUNK_COLUMNS + " FROM " + chunkTable + " WHERE job_name = ?"
                + " ORDER BY started_at, table_name, chunk_no", JobStore::chunkRecord, job);
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
