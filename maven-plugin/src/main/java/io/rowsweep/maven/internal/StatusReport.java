package io.rowsweep.maven.internal;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStateReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Says where the jobs in the job state are, as lines of text: every job, or one job's tables and failed chunks. Reads the
 * state with rowsweep's {@link JobStateReader}, as {@code rowsweep status} does.
 */
public final class StatusReport {

    static final int FAILED_LISTED = 10;

    private final String stateSchema;

    /** @param stateSchema where the tables are; null for the connection's current schema */
    public StatusReport(String stateSchema) {
        this.stateSchema = stateSchema;
    }

    /** Every job, or one job's tables and failed chunks. */
    public List<String> report(Connection c, String job) throws SQLException {
        JobStateReader state = JobStateReader.of(c, stateSchema);
        if (!state.exists()) {
            if (job != null) {
                throw new RowSweepException(ErrorCode.CONFIGURATION, "No job named '" + job + "': there are no rowsweep jobs here. Check"
                        + " the URL and state-schema; a validation of a read-only target kept its state in state-url, or in a file"
                        + " of the machine it ran on (rowsweep status there).");
            }
            return List.of("No rowsweep jobs in this database yet.");
        }
        return job == null ? jobs(state) : job(state, job);
    }

    private static List<String> jobs(JobStateReader state) throws SQLException {
        List<String> lines = new ArrayList<>();
        List<JobRecord> jobs = new ArrayList<>(state.jobs());
        jobs.sort(Comparator.comparingLong(JobRecord::startedAt)); // the oldest first, the newest just above the hint
        for (JobRecord r : jobs) {
            lines.add(String.format("%-40s %-10s run %-3d %-8s started %s%s", r.name(), r.kind(), r.run(), r.status().name(),
                    Instant.ofEpochMilli(r.startedAt()), finished(r.finishedAt())));
        }
        if (lines.isEmpty()) {
            return List.of("No rowsweep jobs in this database yet.");
        }
        lines.add("mvn rowsweep:status -Drowsweep.job=NAME shows a job's tables and failed chunks.");
        return lines;
    }

    private static List<String> job(JobStateReader state, String job) throws SQLException {
        JobRecord r = state.job(job).orElseThrow(() -> new RowSweepException(ErrorCode.CONFIGURATION, "No job named '" + job
                + "' in this database; mvn rowsweep:status without a job lists them."));
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Job %s: %s, run %d, %s, started %s%s", job, r.kind(), r.run(), r.status().name(),
                Instant.ofEpochMilli(r.startedAt()), finished(r.finishedAt())));
        List<ChunkRecord> chunks = state.chunks(job);
        Map<String, TableCounts> byTable = new TreeMap<>();
        for (ChunkRecord chunk : chunks) {
            TableCounts t = byTable.computeIfAbsent(chunk.chunk().table(), k -> new TableCounts());
            t.chunks++;
            t.done += chunk.status() == ChunkStatus.DONE ? 1 : 0;
            t.running += chunk.status() == ChunkStatus.RUNNING ? 1 : 0;
            t.failed += chunk.status() == ChunkStatus.FAILED ? 1 : 0;
            t.rows += chunk.rows();
            t.problems += chunk.problems();
        }
        byTable.forEach((table, t) -> lines.add(String.format("  %-30s chunks %d done, %d running, %d failed of %d; %,d rows read,"
                + " %,d problems", table, t.done, t.running, t.failed, t.chunks, t.rows, t.problems)));
        chunks.stream().filter(chunk -> chunk.status() == ChunkStatus.FAILED)
                .sorted(Comparator.comparing((ChunkRecord chunk) -> chunk.chunk().table()).thenComparingInt(chunk -> chunk.chunk().number()))
                .limit(FAILED_LISTED)
                .forEach(chunk -> lines.add("  failed: " + chunk.chunk().table() + " chunk " + chunk.chunk().number() + ": " + chunk.error()));
        return lines;
    }

    /** One table's chunks, by status, and what they read and found. */
    private static final class TableCounts {
        long chunks;
        long done;
        long running;
        long failed;
        long rows;
        long problems;
    }

    private static String finished(Long finishedAt) {
        return finishedAt == null ? "" : ", finished " + Instant.ofEpochMilli(finishedAt);
    }
}
