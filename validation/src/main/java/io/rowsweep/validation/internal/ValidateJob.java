package io.rowsweep.validation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.JsonText;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.ChunkContext;
import io.rowsweep.core.internal.exec.ChunkOutcome;
import io.rowsweep.core.internal.exec.ChunkProcessor;
import io.rowsweep.core.internal.exec.ChunkPublisher;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.exec.SweepJob;
import io.rowsweep.core.internal.exec.SweepTask;
import io.rowsweep.core.internal.schema.Column;
import io.rowsweep.core.internal.schema.Table;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.jpa.internal.Attribute;
import io.rowsweep.jpa.internal.ColumnReaders;
import io.rowsweep.jpa.internal.EntityBinder;
import io.rowsweep.jpa.internal.EntityModel;
import io.rowsweep.jpa.internal.Naming;
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
public final class ValidateJob implements SweepJob {

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

    /** Where the rules come from; one implementation per source. */
    public interface Rules {
        /** Canonical JSON of the rules, part of the spec. */
        ObjectNode spec();

        /** The row check of a table (null when only set-based rules apply) plus its set-based checks. */
        List<SweepTask> prepare(Table table, Connection connection, Dialect dialect, ValidateJob job) throws SQLException;

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
    public List<SweepTask> prepare(Table table, Connection connection, Dialect dialect) throws SQLException {
        List<SweepTask> tasks = rules.prepare(table, connection, dialect, this);
        tasks.forEach(t -> tableOfTask.put(t.name(), table.label()));
        return tasks;
    }

    @Override
    public boolean rerunsWhenFinished() {
        return true;
    }

    @Override
    public ChunkPublisher publisher() {
        return file == null ? ChunkPublisher.DIRECT : file;
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
        if (file == null) {
            try (Connection c = Connections.borrow(dataSource)) {
                return ViolationTable.counts(c, Dialects.detect(c), stateSchema, job);
            } catch (SQLException e) {
                throw Connections.describe(e, dataSource);
            }
        }
        try {
            return file.counts();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + out, e);
        }
    }

    /** A writer of one chunk's violations of {@code table}, for this job's destination. */
    ViolationWriter writer(Table table) {
        return new ViolationWriter(table.label(), table.key().names(), format);
    }

    /**
     * A chunk's outcome: its violations go with it to the file, or into the table now, in the
     * chunk's transaction (after the chunk's queries, as MariaDB's driver needs).
     */
    ChunkOutcome outcome(ChunkContext ctx, long rows, ViolationWriter w) throws Exception {
        Spool spool = w.finish();
        if (file != null) {
            return new ChunkOutcome(rows, w.invalidRows(), w.violations(), spool);
        }
        try {
            ViolationTable.insert(ctx, spool, w.violations());
        } finally {
            spool.delete();
        }
        return new ChunkOutcome(rows, w.invalidRows(), w.violations(), null);
    }

    /** The task checking {@code table}'s rows with {@code check}s made per worker. */
    SweepTask rowTask(Table table, Dialect dialect, Supplier<RowCheck> checks) {
        List<String> quoted = checks.get().columns().stream().map(dialect::quote).collect(Collectors.toList());
        return new SweepTask(table.label(), table, table.key(), table.estimatedRows(), () -> {
            RowCheck check = checks.get();
            return (ChunkProcessor) ctx -> {
                ViolationWriter w = writer(table);
                try {
                    long rows = ctx.forEachRow(quoted, null, false, rs -> check.check(rs, w));
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

    /** A table by its name candidates; a configuration error naming {@code what} when none exists. */
    static Table resolveTable(TableResolver resolver, String schema, List<String> candidates, String what) throws SQLException {
        RowSweepException first = null;
        for (String name : candidates) {
            try {
                return resolver.resolve(schema == null ? name : schema + "." + name);
            } catch (RowSweepException e) {
                first = first == null ? e : first;
            }
        }
        throw RowSweepException.configuration(what + ": " + first.getMessage());
    }

    /** Rules from entity classes and their Bean Validation constraints. */
    public static final class EntityRules implements Rules {
        private final Map<String, TableMapping> byLabel;
        private final CompletableFuture<ValidatorFactory> factory;
        private volatile Validator validator;
        private final Class<?>[] groups;
        private final String classpath;
        /** Tables prepared in this process, which {@link #ready} gives their pre-checks. */
        private final List<PreparedTable> prepared = new CopyOnWriteArrayList<>();

        /**
         * @param byLabel   each table's mapping, by the label it resolved to
         * @param factory   the validator factory, or its start ({@link Validators#start})
         * @param groups    validation groups (empty: Default)
         * @param classpath where the entity classes were loaded from, or null (rowsweep's own class path)
         */
        public EntityRules(Map<String, TableMapping> byLabel, CompletableFuture<ValidatorFactory> factory, Class<?>[] groups,
                           String classpath) {
            this.byLabel = new LinkedHashMap<>(byLabel);
            this.factory = factory;
            this.groups = groups.clone();
            this.classpath = classpath;
        }

        @Override
        public ObjectNode spec() {
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("source", "entities");
            if (classpath != null) {
                s.put("classpath", classpath);
            }
            ArrayNode entities = s.putArray("entities");
            byLabel.values().forEach(m -> m.types().forEach(t -> entities.add(t.type().getName())));
            ArrayNode g = s.putArray("groups");
            for (Class<?> group : groups) {
                g.add(group.getName());
            }
            return s;
        }

        /**
         * Waits for Hibernate Validator, which started in the background while the tables were
         * looked up and the job state set up, and gives each prepared table its pre-check.
         */
        @Override
        public void ready() {
            Validator v = Validators.await(factory).getValidator();
            for (PreparedTable t : prepared) {
                t.ready(v, groups);
            }
            validator = v;
        }

        @Override
        public List<SweepTask> prepare(Table table, Connection c, Dialect dialect, ValidateJob job) throws SQLException {
            TableMapping mapping = byLabel.get(table.label());
            EntityBinder binder = EntityBinder.bind(mapping, table);
            PreparedTable rows = new PreparedTable(mapping, binder);
            prepared.add(rows);
            List<SweepTask> tasks = new ArrayList<>();
            tasks.add(job.rowTask(table, dialect, () -> new EntityRowCheck(binder, validator, groups, rows.fast)));
            TableResolver resolver = new TableResolver(c, dialect);
            for (EntityBinder.BoundColumn b : binder.boundColumns()) {
                Attribute a = b.attribute();
                if (a.unique()) {
                    tasks.add(SetChecks.unique(table, List.of(b.column()), a.property(), c, dialect, job));
                }
                if (a.reference() != null) {
                    TableMapping target = EntityModel.map(List.of(a.reference().target())).get(0);
                    String what = "Entity " + mapping.root().getName() + ": field '" + a.property() + "' references entity "
                            + target.entityName();
                    Table targetTable = resolveTable(resolver, target.schema(), target.tableNames(), what);
                    Column targetColumn = EntityBinder.resolve(targetTable, a.reference().referencedColumn(), () -> what);
                    tasks.add(SetChecks.references(table, b.column(), a.property(), targetTable, targetColumn, dialect, job));
                }
            }
            for (List<String> names : mapping.uniqueConstraints()) {
                List<Column> columns = new ArrayList<>();
                for (String n : names) {
                    columns.add(EntityBinder.resolve(table, Naming.candidates(n, null), () -> "Entity " + mapping.root().getName()
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

            void ready(Validator validator, Class<?>[] groups) {
                if (groups.length > 0) {
                    return; // with groups, Hibernate Validator decides every row
                }
                try {
                    fast = binder.rowTest(FastChecks.forTypes(mapping.types().stream().map(t -> t.type()).collect(Collectors.toList()),
                            validator));
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
        public List<SweepTask> prepare(Table table, Connection c, Dialect dialect, ValidateJob job) throws SQLException {
            TableRules rules = byLabel.get(table.label());
            List<SweepTask> tasks = new ArrayList<>();
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
                        ColumnReaders.of(ValueHolders.valueType(holder), column, true, null), holder, validator,
                        FastChecks.ofProperty(validator, holder, "value", ValueHolders.valueType(holder))));
            }
            if (!columnRules.isEmpty()) {
                tasks.add(job.rowTask(table, dialect, () -> new RulesRowCheck(select, columnRules)));
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
