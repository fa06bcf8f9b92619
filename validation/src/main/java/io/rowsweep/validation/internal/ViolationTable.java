package io.rowsweep.validation.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.validation.ViolationFormat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Violations in the database ({@code rowsweep_violation}, beside the job state), where every
 * process of a distributed run writes them: a chunk's violations are inserted in the chunk's own
 * transaction, so they commit exactly when its checkpoint does. Exported to JSON Lines or CSV
 * byte for byte as a local run writes its file.
 */
public final class ViolationTable {

    static final String NAME = "rowsweep_violation";
    private static final int BATCH = 500;
    private static final String COLUMNS = "table_name, row_key, column_name, property, constraint_name, message, value_json, invalid_value";

    private ViolationTable() {
    }

    /** The table's name, in the state schema when one is given (unquoted table name, as the job state's). */
    static String qualified(Dialect dialect, String schema) {
        return schema == null ? NAME : dialect.quote(schema) + "." + NAME;
    }

    static void ensure(Connection c, Dialect dialect, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + qualified(dialect, schema) + " ("
                    + "job_name VARCHAR(200) NOT NULL, task_name VARCHAR(255) NOT NULL, chunk_no INT NOT NULL, seq INT NOT NULL,"
                    + " table_name VARCHAR(255) NOT NULL, row_key TEXT NOT NULL, column_name VARCHAR(255), property TEXT,"
                    + " constraint_name VARCHAR(255) NOT NULL, message TEXT, value_json TEXT NOT NULL, invalid_value TEXT,"
                    + " PRIMARY KEY (job_name, task_name, chunk_no, seq))");
        }
    }

    /** Drops the violations of a job's earlier run. */
    static void clear(Connection c, Dialect dialect, String schema, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualified(dialect, schema) + " WHERE job_name = ?")) {
            ps.setString(1, job);
            ps.executeUpdate();
        }
    }

    /**
     * Inserts a chunk's {@code count} violation records (written by a {@link ViolationWriter}
     * without a format) in the chunk's transaction.
     */
    static void insert(ChunkContext ctx, Spool records, long count) throws SQLException, IOException {
        if (count == 0) {
            return;
        }
        String sql = "INSERT INTO " + qualified(ctx.dialect(), ctx.stateSchema()) + " (job_name, task_name, chunk_no, seq, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (DataInputStream in = new DataInputStream(records.open()); PreparedStatement ps = ctx.connection().prepareStatement(sql)) {
            for (int seq = 1; seq <= count; seq++) {
                ps.setString(1, ctx.job());
                ps.setString(2, ctx.chunk().table());
                ps.setInt(3, ctx.chunk().number());
                ps.setInt(4, seq);
                for (int field = 5; field <= 12; field++) {
                    ps.setString(field, ViolationWriter.readField(in));
                }
                ps.addBatch();
                if (seq % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            if (count % BATCH != 0) {
                ps.executeBatch();
            }
        }
    }

    /** A job's violations per table and constraint. */
    static Map<String, Map<String, Long>> counts(Connection c, Dialect dialect, String schema, String job) throws SQLException {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, constraint_name, count(*) FROM " + qualified(dialect, schema)
                + " WHERE job_name = ? GROUP BY table_name, constraint_name ORDER BY table_name, constraint_name")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), t -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return counts;
    }

    /** A job's invalid rows per table: rows with at least one violation, each counted once. */
    static Map<String, Long> distinctRows(Connection c, Dialect dialect, String schema, String job) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, count(DISTINCT row_key) FROM " + qualified(dialect, schema)
                + " WHERE job_name = ? GROUP BY table_name")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return rows;
    }

    /**
     * Writes a job's violations to {@code out} as a local run writes its file, ordered by task,
     * chunk and position in the chunk; streams them, so any number fits in bounded memory. Runs
     * in a transaction of its own on {@code c} (streaming needs one on PostgreSQL).
     *
     * @return the number of violations written
     */
    public static long export(Connection c, Dialect dialect, String schema, String job, ViolationFormat format, OutputStream out)
            throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + qualified(dialect, schema)
                + " WHERE job_name = ? ORDER BY task_name, chunk_no, seq", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            dialect.configureStreaming(ps, 1000);
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (format == ViolationFormat.JSONL) {
                    try (JsonGenerator g = ViolationWriter.JSON.createGenerator(out, JsonEncoding.UTF8)) {
                        g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                        while (rs.next()) {
                            g.writeStartObject();
                            g.writeStringField("table", rs.getString(1));
                            g.writeFieldName("key");
                            g.writeRawValue(rs.getString(2));
                            g.writeStringField("column", rs.getString(3));
                            g.writeStringField("property", rs.getString(4));
                            g.writeStringField("constraint", rs.getString(5));
                            g.writeStringField("message", rs.getString(6));
                            g.writeFieldName("value");
                            g.writeRawValue(rs.getString(7));
                            g.writeEndObject();
                            g.writeRaw('\n');
                            n++;
                        }
                    }
                } else {
                    out.write(ViolationWriter.CSV_HEADER.getBytes(StandardCharsets.UTF_8));
                    StringBuilder b = new StringBuilder(256);
                    while (rs.next()) {
                        b.setLength(0);
                        for (int column : new int[] {1, 2, 3, 4, 5, 6, 8}) {
                            ViolationWriter.csv(b, rs.getString(column)).append(column == 8 ? '\n' : ',');
                        }
                        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                        n++;
                    }
                }
            }
            c.commit();
        } finally {
            if (autoCommit) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        out.flush();
        return n;
    }
}
