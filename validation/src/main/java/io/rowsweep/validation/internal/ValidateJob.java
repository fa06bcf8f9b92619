package io.rowsweep.validation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.JsonText;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.ChunkProcessor;
import io.rowsweep.core.spi.job.ChunkSink;
import io.rowsweep.core.spi.job.RowHandler;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.jpa.internal.Attribute;
import io.rowsweep.jpa.internal.EntityBinder;
import io.rowsweep.jpa.internal.HibernateMapping;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.validation.ViolationFormat;
import jakarta.validation.UnexpectedTypeException;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.GenericConstraintDef;
import org.hibernate.validator.cfg.context.PropertyConstraintMappingContext;

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
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final Rules rules;
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

    /** Where the rules come from; one implementation per source. */
    public interface Rules {
        /** Canonical JSON of the rules, part of the spec. */
        ObjectNode spec();

        /** The row check of a table (null when only set-based rules apply) plus its set-based checks. */
        List<SweepTask<Spool>> prepare(Table table, Connection connection, Dialect dialect, ValidateJob job) throws SQLException;

        /**
         * Finishes what {@link #prepare} left to a background start, before any row is checked;
         * configuration problems found then throw as in prepare.
         */
        default void ready() {
        }
    }

    /**
     * @param tables table labels, as resolved against the database
     * @param out    the violations file; null writes violations to the {@link ViolationTable} instead
     * @param format the file's format (unused without a file)
     */
    public ValidateJob(Rules rules, List<String> tables, Path out, ViolationFormat format) {
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
            return new ChunkOutcome<>(rows, w.invalidRows(), w.violations(), spool);
        }
        try {
            ViolationTable.insert(ctx, spool, w.violations());
        } finally {
            spool.delete();
        }
        return new ChunkOutcome<>(rows, w.invalidRows(), w.violations(), null);
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

    /** Rules from entity classes and their Bean Validation constraints. */
    public static final class EntityRules implements Rules {
        private final Map<String, MappedTable> byLabel;
        private final CompletableFuture<ValidatorFactory> factory;
        private volatile Validator validator;
        private final JobPlanner.EntityOptions options;
        /** Tables prepared in this process, which {@link #ready} gives their pre-checks. */
        private final List<PreparedTable> prepared = new CopyOnWriteArrayList<>();
        /** Per class, the properties that are not read from the row: Bean Validation does not reach them. */
        private final Map<Class<?>, Set<String>> unloaded;

        /**
         * @param byLabel  each table's mapping, by the label it resolved to
         * @param factory  the validator factory, or its start ({@link Validators#start})
         * @param unloaded per class, the persistent properties not read from the row (collections...)
         */
        EntityRules(Map<String, MappedTable> byLabel, CompletableFuture<ValidatorFactory> factory, JobPlanner.EntityOptions options,
                    Map<Class<?>, Set<String>> unloaded) {
            this.byLabel = new LinkedHashMap<>(byLabel);
            this.factory = factory;
            this.options = options;
            this.unloaded = Map.copyOf(unloaded);
        }

        @Override
        public ObjectNode spec() {
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("source", "entities");
            if (options.classpath() != null) {
                s.put("classpath", options.classpath());
            }
            ArrayNode entities = s.putArray("entities");
            byLabel.values().forEach(m -> m.mapping().types().forEach(t -> entities.add(t.type().getName())));
            ArrayNode g = s.putArray("groups");
            for (Class<?> group : options.groups()) {
                g.add(group.getName());
            }
            if (options.naming() != null && !options.naming().equals(HibernateMapping.SPRING_NAMING)) {
                s.put("naming", options.naming());
            }
            if (!options.messages().isEmpty()) {
                options.messages().forEach(s.putArray("messages")::add);
            }
            return s;
        }

        /**
         * Waits for Hibernate Validator, which started in the background while the tables were
         * looked up and the job state set up, and gives each prepared table its pre-check.
         */
        @Override
        public void ready() {
            Validator v = Validators.await(factory).usingContext().traversableResolver(Validators.notLoaded(unloaded)).getValidator();
            for (PreparedTable t : prepared) {
                t.ready(v, options.groups(), unloaded);
            }
            validator = v;
        }

        @Override
        public List<SweepTask<Spool>> prepare(Table table, Connection c, Dialect dialect, ValidateJob job) throws SQLException {
            MappedTable mapped = byLabel.get(table.label());
            TableMapping mapping = mapped.mapping();
            EntityBinder binder = mapped.binder();
            PreparedTable rows = new PreparedTable(mapping, binder);
            prepared.add(rows);
            List<SweepTask<Spool>> tasks = new ArrayList<>();
            RowReader reader;
            if (mapping.joins().isEmpty()) {
                reader = RowReader.columns(binder.columns().stream().map(s -> s.column().name()).toList(), dialect);
            } else {
                reader = new JoinedRows(dialect, table, mapping, mapped.joinedInOrder(), binder.columns());
            }
            Class<?>[] groups = options.groups();
            tasks.add(job.rowTask(table, reader, () -> new EntityRowCheck(binder, validator, groups, rows.fast)));
            TableResolver resolver = new TableResolver(c, dialect);
            for (EntityBinder.BoundColumn b : binder.boundColumns()) {
                Attribute a = b.attribute();
                Table own = b.table() == mapped.table() ? table : b.table();
                if (a.unique()) {
                    tasks.add(SetChecks.unique(own, List.of(b.column()), a.property(), c, dialect, job));
                }
                if (a.reference() != null) {
                    String what = "Entity " + mapping.entityName() + ": field '" + a.property() + "' references entity "
                            + a.reference().targetEntity();
                    Table targetTable = MappedTable.real(resolver, a.reference().targetTable(), a.reference().targetTable().contains("."),
                            what);
                    Column targetColumn = EntityBinder.resolve(targetTable, a.reference().referencedColumn(), () -> what);
                    tasks.add(SetChecks.references(own, b.column(), a.property(), targetTable, targetColumn, dialect, job));
                }
            }
            for (List<String> names : mapping.uniqueConstraints()) {
                List<Column> columns = new ArrayList<>();
                for (String n : names) {
                    columns.add(EntityBinder.resolve(table, n, () -> "Entity " + mapping.entityName()
                            + ": @Table(uniqueConstraints) column '" + n + "'"));
                }
                String properties = columns.stream().map(col -> propertyOf(binder, col)).collect(Collectors.joining(","));
                tasks.add(SetChecks.unique(table, columns, properties, c, dialect, job));
            }
            return tasks;
        }

        /** A table's binder, and its row test once Hibernate Validator is up. */
        private static final class PreparedTable {
            private final TableMapping mapping;
            private final EntityBinder binder;
            private volatile EntityBinder.RowTest fast;

            PreparedTable(TableMapping mapping, EntityBinder binder) {
                this.mapping = mapping;
                this.binder = binder;
            }

            void ready(Validator validator, Class<?>[] groups, Map<Class<?>, Set<String>> unloaded) {
                if (groups.length > 0) {
                    return; // with groups, Hibernate Validator decides every row
                }
                try {
                    fast = binder.rowTest(FastChecks.forTypes(mapping.types().stream().map(t -> t.type()).collect(Collectors.toList()),
                            validator, unloaded));
                } catch (ValidationException e) {
                    throw RowSweepException.configuration("Entity " + mapping.root().getName() + ": Hibernate Validator cannot read"
                            + " its constraints: " + e.getMessage() + ". Fix the constraint declarations.");
                }
            }
        }

        private static String propertyOf(EntityBinder binder, Column column) {
            return binder.boundColumns().stream().filter(b -> b.column().name().equals(column.name()))
                    .map(b -> b.attribute().property()).findFirst().orElse(column.name());
        }
    }

    /** Rules from a rules file. */
    public static final class FileRules implements Rules {
        private final RulesFile file;
        private final Map<String, TableRules> byLabel;

        /**
         * @param byLabel each table's rules, by the label it resolved to
         */
        public FileRules(RulesFile file, Map<String, TableRules> byLabel) {
            this.file = file;
            this.byLabel = new LinkedHashMap<>(byLabel);
        }

        @Override
        public ObjectNode spec() {
            ObjectNode s = new ObjectMapper().createObjectNode();
            s.put("source", "rules");
            try {
                s.set("rules", new ObjectMapper().readTree(file.canonical()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return s;
        }

        private RowSweepException error(String table, String column, String message) {
            return RowSweepException.configuration("Rules file " + file.path() + ", table '" + table + "'"
                    + (column == null ? "" : ", column '" + column + "'") + ": " + message);
        }

        /**
         * Hibernate Validator's own reason ({@code The length cannot be negative.}), without its
         * message codes and the wrapper naming its internal classes.
         */
        private static String reason(Throwable e) {
            Throwable innermost = e;
            for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
                if (t.getMessage() != null) {
                    innermost = t;
                }
            }
            String message = String.valueOf(innermost.getMessage()).replaceFirst("^HV\\d+: ", "");
            return message.endsWith(".") ? message : message + ".";
        }

        private Column column(Table table, TableRules rules, String name) {
            return table.column(name).orElseThrow(() -> error(rules.table(), name, "table '" + table.label()
                    + "' has no such column (its columns: " + table.columns().stream().map(Column::name).collect(Collectors.joining(", "))
                    + "). Fix the column name in the rules file."));
        }

        @Override
        public List<SweepTask<Spool>> prepare(Table table, Connection c, Dialect dialect, ValidateJob job) throws SQLException {
            TableRules rules = byLabel.get(table.label());
            List<SweepTask<Spool>> tasks = new ArrayList<>();
            List<String> keyNames = table.key().names();
            List<String> select = new ArrayList<>();
            List<RulesRowCheck.ColumnRules> columnRules = new ArrayList<>();
            for (Map.Entry<String, List<ConstraintRule>> e : rules.columns().entrySet()) {
                Column column = column(table, rules, e.getKey());
                Class<?> holder = ValueHolders.forColumn(column);
                ValidatorFactory factory = factory(rules.table(), e.getKey(), column, holder, e.getValue());
                job.track(factory);
                Validator validator = factory.getValidator();
                columnRules.add(new RulesRowCheck.ColumnRules(column.name(), EntityBinder.resultIndex(column.name(), keyNames, select),
                        ValueHolders.reader(holder, column), holder, validator,
                        FastChecks.ofProperty(validator, holder, "value", ValueHolders.valueType(holder))));
            }
            if (!columnRules.isEmpty()) {
                tasks.add(job.rowTask(table, RowReader.columns(select, dialect), () -> new RulesRowCheck(columnRules)));
            }
            for (List<String> names : rules.unique()) {
                List<Column> columns = new ArrayList<>();
                for (String n : names) {
                    columns.add(column(table, rules, n));
                }
                tasks.add(SetChecks.unique(table, columns, null, c, dialect, job));
            }
            TableResolver resolver = new TableResolver(c, dialect);
            for (Map.Entry<String, String> e : rules.references().entrySet()) {
                Column column = column(table, rules, e.getKey());
                String target = e.getValue();
                int dot = target.lastIndexOf('.');
                Table targetTable;
                try {
                    targetTable = resolver.resolve(target.substring(0, dot));
                } catch (RowSweepException ex) {
                    throw error(rules.table(), e.getKey(), "References " + target + ": " + ex.getMessage());
                }
                String targetName = target.substring(dot + 1);
                Column targetColumn = targetTable.column(targetName).orElseThrow(() -> error(rules.table(), e.getKey(), "References "
                        + target + ": table '" + targetTable.label() + "' has no column '" + targetName + "'. Fix the reference."));
                tasks.add(SetChecks.references(table, column, null, targetTable, targetColumn, dialect, job));
            }
            return tasks;
        }

        /** A factory with the column's constraints on {@code holder.value}, checked against the column's type now. */
        private ValidatorFactory factory(String table, String columnName, Column column, Class<?> holder, List<ConstraintRule> constraints) {
            org.hibernate.validator.HibernateValidatorConfiguration cfg = Validators.configure();
            ConstraintMapping mapping = cfg.createConstraintMapping();
            PropertyConstraintMappingContext property = mapping.type(holder).field("value");
            for (ConstraintRule r : constraints) {
                property = property.constraint(definition(r));
            }
            ValidatorFactory factory = cfg.addMapping(mapping).buildValidatorFactory();
            Object sample = ValueHolders.sample(holder);
            try {
                factory.getValidator().validateValue(holder, "value", sample);
            } catch (UnexpectedTypeException e) {
                factory.close();
                throw error(table, columnName, "a constraint cannot check a " + column.typeName() + " column: "
                        + constraints.stream().map(ConstraintRule::name).collect(Collectors.joining(", "))
                        + " (" + e.getMessage() + "). Use constraints that fit the column's type.");
            } catch (RuntimeException e) {
                factory.close();
                throw error(table, columnName, "a constraint cannot be used as written: " + reason(e) + " Fix its attributes in the"
                        + " rules file.");
            }
            return factory;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static GenericConstraintDef<?> definition(ConstraintRule r) {
            GenericConstraintDef def = new GenericConstraintDef(r.type());
            r.attributes().forEach(def::param);
            return def;
        }
    }
}
