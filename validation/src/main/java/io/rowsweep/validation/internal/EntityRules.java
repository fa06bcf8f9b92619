package io.rowsweep.validation.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.jpa.internal.Attribute;
import io.rowsweep.jpa.internal.EntityBinder;
import io.rowsweep.jpa.internal.HibernateMapping;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.validation.internal.ValidateJob.MappedTable;
import io.rowsweep.validation.internal.ValidateJob.RowReader;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Rules from entity classes and their Bean Validation constraints. */
public final class EntityRules implements RuleSource {
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
