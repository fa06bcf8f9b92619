package io.rowsweep.maven.internal;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the job state tables that a run keeps in the database, as documented for users to inspect ({@code rowsweep_job}: one
 * row per job; {@code rowsweep_chunk}: one row per chunk, with its status, rows and error), and says where jobs are, as lines
 * of text. Plain SQL: the engine's own reader is internal.
 */
public final class JobStateReader {

    static final int FAILED_LISTED = 10;

    private final String prefix;

    /** @param stateSchema where the tables are; null for the connection's current schema */
    public JobStateReader(String stateSchema) {
        this.prefix = stateSchema == null ? "" : stateSchema + ".";
    }

    /** Every job, or one job's tables and failed chunks. */
    public List<String> report(Connection c, String job) throws SQLException {
        if (!tablesExist(c)) {
            if (job != null) {
                throw new RowSweepException(ErrorCode.CONFIGURATION, "No job named '" + job + "': there are no rowsweep jobs here. Check"
                        + " the URL and state-schema; a validation of a read-only target kept its state in state-url, or in a file"
                        + " of the machine it ran on (rowsweep status there).");
            }
            return List.of("No rowsweep jobs in this database yet.");
        }
        return job == null ? jobs(c) : job(c, job);
    }

    private boolean tablesExist(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + prefix + "rowsweep_job WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private List<String> jobs(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT job_name, kind, run_no, status, started_at, finished_at FROM " + prefix
                     + "rowsweep_job ORDER BY started_at")) {
            while (rs.next()) {
                lines.add(String.format("%-40s %-10s run %-3d %-8s started %s%s", rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), finished(rs.getObject(6))));
            }
        }
        if (lines.isEmpty()) {
            return List.of("No rowsweep jobs in this database yet.");
        }
        lines.add("mvn rowsweep:status -Drowsweep.job=NAME shows a job's tables and failed chunks.");
        return lines;
    }

    private List<String> job(Connection c, String job) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT kind, run_no, status, started_at, finished_at FROM " + prefix
                + "rowsweep_job WHERE job_name = ?")) {
            p.setString(1, job);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new RowSweepException(ErrorCode.CONFIGURATION, "No job named '" + job + "' in this database; mvn"
                            + " rowsweep:status without a job lists them.");
                }
                lines.add(String.format("Job %s: %s, run %d, %s, started %s%s", job, rs.getString(1), rs.getInt(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), finished(rs.getObject(5))));
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT table_name, count(*), sum(CASE WHEN status = 'DONE' THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN status = 'RUNNING' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END),"
                + " sum(rows_read), sum(problems) FROM " + prefix + "rowsweep_chunk WHERE job_name = ? GROUP BY table_name"
                + " ORDER BY table_name")) {
            p.setString(1, job);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    lines.add(String.format("  %-30s chunks %d done, %d running, %d failed of %d; %,d rows read, %,d problems",
                            rs.getString(1), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(2), rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT table_name, chunk_no, error_message FROM " + prefix + "rowsweep_chunk"
                + " WHERE job_name = ? AND status = 'FAILED' ORDER BY table_name, chunk_no")) {
            p.setString(1, job);
            p.setMaxRows(FAILED_LISTED);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    lines.add("  failed: " + rs.getString(1) + " chunk " + rs.getInt(2) + ": " + rs.getString(3));
                }
            }
        }
        return lines;
    }

    private static String finished(Object finishedAt) {
        return finishedAt == null ? "" : ", finished " + Instant.ofEpochMilli(((Number) finishedAt).longValue());
    }
}
