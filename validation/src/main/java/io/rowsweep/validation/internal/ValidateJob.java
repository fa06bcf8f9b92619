package io.rowsweep.validation.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.JsonText;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.ChunkProcessor;
import io.rowsweep.core.spi.job.ChunkSink;
import io.rowsweep.core.spi.job.RowHandler;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.jpa.internal.EntityBinder;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.validation.ViolationFormat;
import jakarta.validation.ValidatorFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The validate job: per table, a row task that checks each row (entity + Bean Validation, or
 * rules-file constraints), plus one set-based task per uniqueness and reference check. Violations
 * go to a {@link ViolationFile}, published exactly once per chunk, or (distributed runs, where
 * chunks run in many processes) to the {@link ViolationTable}, in each chunk's transaction.
 */
public final class ValidateJob implements SweepJob<Spool> {

    /** The spec's value of {@code violations} when they go to the {@link ViolationTable}. */
    static final String TO_TABLE = "table";

    private final RuleSource rules;
    private final List<String> tables;
    private final Path out;
    private final ViolationFormat format;
    private final ViolationFile file;
    private final Map<String, String> tableOfTask = new ConcurrentHashMap<>();
    private final Map<String, Table> resolved = new ConcurrentHashMap<>();
    /** Factories to close after the run, once built. */
    private final List<CompletableFuture<ValidatorFactory>> factories = Collections.synchronizedList(new ArrayList<>());
    private final String spec;
    private volatile List<io.rowsweep.validation.Coverage> coverage = List.of();

    /**
     * @param tables table labels, as resolved against the database
     * @param out    the violations file; null writes violations to the {@link ViolationTable} instead
     * @param format the file's format (unused without a file)
     */
    public ValidateJob(RuleSource rules, List<String> tables, Path out, ViolationFormat format) {
        this.rules = rules;
        this.tables = List.copyOf(tables);
        this.out = out == null ? null : out.toAbsolutePath().normalize();
        this.format = out == null ? null : format;
        this.file = out == null ? null : new ViolationFile(this.out, format);
        ObjectNode s = rules.spec();
        ArrayNode t = s.putArray("tables");
        this.tables.forEach(t::add);
        if (out == null) {
            s.put("violations", TO_TABLE);
        } else {
            s.put("out", this.out.toString());
            s.put("format", format.extension());
        }
        this.spec = JsonText.of(s);
    }

    @Override
    public String kind() {
        return "validate";
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public List<String> tables() {
        return tables;
    }

    /** Keeps {@code table}, just resolved for {@code label} while planning, for the run to take ({@link #resolved}). */
    void resolvedAs(String label, Table table) {
        resolved.put(label, table);
    }

    @Override
    public Table resolved(String label) {
        return resolved.remove(label);
    }

    @Override
    public List<SweepTask<Spool>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
        List<SweepTask<Spool>> tasks = rules.prepare(table, connection, dialect, this);
        tasks.forEach(t -> tableOfTask.put(t.name(), table.label()));
        return tasks;
    }

    @Override
    public boolean rerunsWhenFinished() {
        return true;
    }

    @Override
    public ChunkSink<Spool> sink() {
        return file == null ? ChunkSink.none() : file;
    }

    /** Violations to the table: creates it, and empties it of the job's earlier run unless this run resumes. */
    @Override
    public void setUpRun(Connection c, Dialect dialect, String stateSchema, String job, boolean resumed) throws SQLException {
        if (file == null) {
            ViolationTable.ensure(c, dialect, stateSchema);
            if (!resumed) {
                ViolationTable.clear(c, dialect, stateSchema, job);
            }
        }
    }

    @Override
    public void beforeRun(boolean resumed, long publishedUpTo) {
        rules.ready();
        if (file != null) {
            file.open(resumed, publishedUpTo);
        }
    }

    @Override
    public void afterRun() {
        if (file != null) {
            file.close();
        }
        synchronized (factories) {
            factories.forEach(Validators::discard);
            factories.clear();
        }
    }

    /** What the run checks and leaves out, per entity (or rules-file table). */
    public List<io.rowsweep.validation.Coverage> coverage() {
        return coverage;
    }

    void coverage(List<io.rowsweep.validation.Coverage> entries) {
        coverage = List.copyOf(entries);
    }

    /** The table (label) a task belongs to. */
    public String tableOf(String task) {
        return tableOfTask.getOrDefault(task, task);
    }

    /** The violations file, or null when violations go to the {@link ViolationTable}. */
    public Path out() {
        return out;
    }

    /** Violation records per table and constraint, in the file or, without one, in the table (of job {@code job}). */
    public Map<String, Map<String, Long>> countViolations(DataSource dataSource, String job, String stateSchema) {
        return fromViolations(dataSource, (c, dialect) -> ViolationTable.counts(c, dialect, stateSchema, job), () -> file.counts());
    }

    /**
     * The invalid rows of {@code tables}, each counted once however many checks found it, from
     * the file or, without one, the violations table of job {@code job}.
     */
    public Map<String, Long> distinctInvalidRows(DataSource dataSource, String job, String stateSchema, Set<String> tables) {
        return fromViolations(dataSource, (c, dialect) -> ViolationTable.distinctRows(c, dialect, stateSchema, job),
                () -> ViolationCounts.distinctRows(out, format, tables));
    }

    private interface TableQuery<T> {
        T read(Connection c, Dialect dialect) throws SQLException;
    }

    private interface FileQuery<T> {
        T read() throws IOException;
    }

    /** What the violations say: read from the file, or without one, from the violations table. */
    private <T> T fromViolations(DataSource dataSource, TableQuery<T> fromTable, FileQuery<T> fromFile) {
        if (file == null) {
            try (Connection c = Connections.borrow(dataSource)) {
                return fromTable.read(c, Dialects.detect(c));
            } catch (SQLException e) {
                throw Connections.describe(e, dataSource);
            }
        }
        try {
            return fromFile.read();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + out, e);
        }
    }

    /**
     * A writer of one chunk's violations of {@code table}, for this job's destination.
     *
     * @param keyIndexes where each row's key text is in the chunk's result set ({@link io.rowsweep.core.spi.schema.Key#textIndexes})
     */
    ViolationWriter writer(Table table, int[] keyIndexes) {
        return new ViolationWriter(table.label(), table.key(), keyIndexes, format);
    }

    /**
     * A chunk's outcome: its violations go with it to the file, or into the table now, in the
     * chunk's transaction (after the chunk's queries, as MariaDB's driver needs).
     */
    ChunkOutcome<Spool> outcome(ChunkContext ctx, long rows, ViolationWriter w) throws Exception {
        Spool spool = w.finish();
        if (file != null) {
            return new ChunkOutcome<>(rows, w.invalidRows(), w.violations(), spool, w.problemGroups());
        }
        try {
            ViolationTable.insert(ctx, spool, w.violations());
        } finally {
            spool.delete();
        }
        return new ChunkOutcome<>(rows, w.invalidRows(), w.violations(), null, w.problemGroups());
    }

    /**
     * How a row task reads a chunk's rows: the key columns first, then {@link #columns()} columns
     * the check reads, then the key's text where a key column does not read as itself
     * ({@link io.rowsweep.core.spi.schema.Key#textIndexes}).
     */
    interface RowReader {
        long forEachRow(ChunkContext ctx, RowHandler handler) throws Exception;

        /** How many columns follow the key columns in each row. */
        int columns();

        /** The chunk's rows of the table itself, with these columns after the key. */
        static RowReader columns(List<String> columns, Dialect dialect) {
            List<String> quoted = columns.stream().map(dialect::quote).collect(Collectors.toList());
            return new RowReader() {
                @Override
                public long forEachRow(ChunkContext ctx, RowHandler handler) throws Exception {
                    return ctx.forEachRow(quoted, null, false, handler);
                }

                @Override
                public int columns() {
                    return quoted.size();
                }
            };
        }
    }

    /** The task checking {@code table}'s rows, read by {@code reader}, with {@code check}s made per worker. */
    SweepTask<Spool> rowTask(Table table, RowReader reader, Supplier<RowCheck> checks) {
        int[] keyIndexes = table.key().textIndexes(reader.columns());
        return new SweepTask<>(table.label(), table, table.key(), table.estimatedRows(), () -> {
            RowCheck check = checks.get();
            return (ChunkProcessor<Spool>) ctx -> {
                ViolationWriter w = writer(table, keyIndexes);
                try {
                    long rows = reader.forEachRow(ctx, rs -> check.check(rs, w));
                    return outcome(ctx, rows, w);
                } catch (Exception e) {
                    w.discard();
                    throw e;
                }
            };
        }, false);
    }

    void track(ValidatorFactory factory) {
        factories.add(CompletableFuture.completedFuture(factory));
    }

    void track(CompletableFuture<ValidatorFactory> factory) {
        factories.add(factory);
    }

    /**
     * A mapped table resolved against the database: the table (labelled with its real name), the
     * tables joined to it, and its binder, made now so that a column the mapping names but the
     * table lacks is found while planning.
     */
    record MappedTable(TableMapping mapping, Table table, Map<String, Table> joined, EntityBinder binder) {

        static MappedTable resolve(TableResolver resolver, TableMapping mapping) throws SQLException {
            Table table = real(resolver, mapping.label(), mapping.schema() != null, "Entity " + mapping.entityName() + " maps to table '"
                    + mapping.label() + "'");
            Map<String, Table> joined = new LinkedHashMap<>();
            for (TableMapping.JoinedTable j : mapping.joins()) {
                joined.put(j.table(), real(resolver, j.label(), j.schema() != null, "Entity " + mapping.entityName()
                        + " joins table '" + j.label() + "'"));
            }
            return new MappedTable(mapping, table, joined, EntityBinder.bind(mapping, table, joined));
        }

        /** The table, labelled as the database names it ({@code HandlingEvent} is {@code handlingevent} in PostgreSQL). */
        static Table real(TableResolver resolver, String name, boolean qualified, String what) throws SQLException {
            Table t;
            try {
                t = resolver.resolve(name);
            } catch (RowSweepException e) {
                throw new RowSweepException(e.code(), what + ": " + e.getMessage());
            }
            String label = qualified ? t.namespace() + "." + t.name() : t.name();
            return new Table(label, t.namespace(), t.name(), t.columns(), t.key(), t.estimatedRows());
        }

        List<Table> joinedInOrder() {
            return mapping.joins().stream().map(j -> joined.get(j.table())).toList();
        }
    }
}
