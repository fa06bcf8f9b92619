package io.rowsweep.validation;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.validation.internal.ViolationTable;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Writes the violations a distributed validation ({@code validate --distributed}) collected in the
 * {@code rowsweep_violation} table to a JSON Lines or CSV file, exactly as a local run writes its
 * violations file (ordered by table task, chunk and position in the chunk). Streams them: any
 * number fits in bounded memory. A distributed validation exports to its {@code --out} file itself
 * when it ends; this exports again, e.g. while the job still runs or in another format.
 *
 * <pre>{@code
 * long n = ViolationExport.of(dataSource).job("nightly-check").format(ViolationFormat.CSV).to(Path.of("violations.csv"));
 * }</pre>
 *
 * <p>Immutable: each method returns a changed copy.
 */
public final class ViolationExport {

    private final DataSource dataSource;
    private final String job;
    private final String stateSchema;
    private final ViolationFormat format;

    private ViolationExport(DataSource dataSource, String job, String stateSchema, ViolationFormat format) {
        this.dataSource = dataSource;
        this.job = job;
        this.stateSchema = stateSchema;
        this.format = format;
    }

    public static ViolationExport of(DataSource dataSource) {
        return new ViolationExport(Objects.requireNonNull(dataSource, "dataSource"), null, null, ViolationFormat.JSONL);
    }

    /** The job whose violations to export. Required. */
    public ViolationExport job(String name) {
        if (name == null || name.isBlank()) {
            throw RowSweepException.usage("--job must name the validate job whose violations to export.");
        }
        return new ViolationExport(dataSource, name, stateSchema, format);
    }

    /** The schema (MySQL/MariaDB: database) of the job state and violations tables. Default: the connection's current schema. */
    public ViolationExport stateSchema(String schema) {
        return new ViolationExport(dataSource, job, schema, format);
    }

    /** The format. Default: {@link ViolationFormat#JSONL}. */
    public ViolationExport format(ViolationFormat format) {
        return new ViolationExport(dataSource, job, stateSchema, Objects.requireNonNull(format, "format"));
    }

    /**
     * Writes the violations to {@code file}, replacing it.
     *
     * @return how many violations were written
     * @throws RowSweepException a configuration error when the file cannot be written or no violations table exists
     */
    public long to(Path file) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            return to(out);
        } catch (IOException e) {
            throw RowSweepException.configuration("Cannot write the violations file " + file.toAbsolutePath() + ": " + e
                    + ". Choose another place with --out.");
        }
    }

    /**
     * Writes the violations to {@code out} (e.g. standard output), leaving it open.
     *
     * @return how many violations were written
     */
    public long to(OutputStream out) throws IOException {
        if (job == null) {
            throw RowSweepException.usage("No job named: give the validate job whose violations to export (--job NAME).");
        }
        try (Connection c = Connections.borrow(dataSource)) {
            return ViolationTable.export(c, Dialects.detect(c), stateSchema, job, format, out);
        } catch (SQLException e) {
            if (Connections.isUnknownTable(e)) {
                throw RowSweepException.configuration("There is no violations table (rowsweep_violation)"
                        + (stateSchema == null ? "" : " in schema " + stateSchema) + ": no distributed validation ran there."
                        + " Check --url and --state-schema.");
            }
            throw Connections.describe(e, dataSource);
        }
    }
}
