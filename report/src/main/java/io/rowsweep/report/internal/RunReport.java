package io.rowsweep.report.internal;

import io.rowsweep.core.ConnectionErrors;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.JobStateConnection;
import io.rowsweep.core.state.JobStateReader;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads a run's chunks from the job state tables and writes its HTML report. */
public final class RunReport {

    private RunReport() {
    }

    /**
     * The report data of a finished run: its summary and every chunk of its job.
     *
     * @param stateSchema where the job state tables are (the run's {@code state-schema}), or null
     * @param stateUrl    the run's {@code state-url}, or null
     */
    public static ReportData load(DataSource dataSource, String stateSchema, String stateUrl, RunSummary summary) {
        try (Connection target = dataSource.getConnection();
             JobStateConnection state = JobStateConnection.open(target, stateUrl, stateSchema, summary.job())) {
            return ReportData.of(summary, chunks(state.connection(), state.schema(), summary.job()));
        } catch (SQLException e) {
            throw ConnectionErrors.describe(e, dataSource);
        }
    }

    /** The chunks of {@code job}, as the report draws them. */
    public static List<ReportChunk> chunks(Connection c, String stateSchema, String job) throws SQLException {
        List<ReportChunk> chunks = new ArrayList<>();
        for (ChunkRecord r : JobStateReader.of(c, stateSchema).chunks(job)) {
            chunks.add(drawn(r));
        }
        return chunks;
    }

    /** A chunk of the job state as the report draws it. */
    static ReportChunk drawn(ChunkRecord r) {
        return new ReportChunk(r.chunk().table(), r.chunk().number(), r.chunk().range(), r.worker() == null ? "unknown" : r.worker(),
                r.startedAt(), r.finishedAt(), r.rows(), r.status().name(), r.attempts(), r.error());
    }

    /** Writes the page to {@code file} (through a temporary file, so a reader never sees half a report). */
    public static Path write(Path file, ReportData data) {
        Path target = file.toAbsolutePath();
        try {
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.writeString(tmp, HtmlReport.render(data, ZoneId.systemDefault()), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw RowSweepException.configuration("Cannot write the report to " + target + ": " + e
                    + ". Check that the folder exists and is writable, or pass another --report path.");
        }
        return target;
    }
}
