package io.rowsweep.validation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.jpa.internal.EntityBinder;
import io.rowsweep.validation.internal.ValidateJob.RowReader;
import jakarta.validation.UnexpectedTypeException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.GenericConstraintDef;
import org.hibernate.validator.cfg.context.PropertyConstraintMappingContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Rules from a rules file. */
public final class FileRules implements RuleSource {
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
