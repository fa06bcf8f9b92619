package io.rowsweep.jpa.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.schema.Column;
import io.rowsweep.core.internal.schema.Table;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds the rows of one table to new entity instances. Everything is resolved once, when the
 * binder is made: which column each attribute reads (checked against the real table), at which
 * result-set index, with which reader, through which method handle. Per row it only reads
 * values, allocates the entity (and its embedded objects) and stores the fields.
 *
 * <p>Rows are read from a result set whose first columns are the table's key columns, followed
 * by {@link #columns()}. A value that cannot be converted is reported to {@link Problems} and
 * its field left unset; the rest of the row is still bound.
 */
public final class EntityBinder {

    /** Receives the values of a row that could not be stored in their fields. */
    @FunctionalInterface
    public interface Problems {
        void conversion(String column, String property, String value, String message);
    }

    /** An attribute with the real column it reads. */
    public record BoundColumn(Attribute attribute, Column column) {
    }

    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    private final TableMapping mapping;
    private final List<String> columns;
    private final List<BoundColumn> bound;
    private final Map<String, String> columnByProperty = new HashMap<>();
    private final int discriminatorIndex;
    private final Map<String, TypeBinder> byDiscriminator = new HashMap<>();
    private final TypeBinder single;

    private EntityBinder(TableMapping mapping, Table table) {
        this.mapping = mapping;
        List<String> keyColumns = table.key().names();
        List<String> select = new ArrayList<>();
        Map<String, BoundColumn> byColumn = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        Map<EntityType, Map<Attribute, Column>> resolved = new LinkedHashMap<>();
        for (EntityType type : mapping.types()) {
            Map<Attribute, Column> columnsOf = new LinkedHashMap<>();
            for (Attribute a : type.attributes()) {
                Column c = resolve(table, a.columnNames(), () -> "Entity " + type.type().getName() + ": field '" + a.property() + "'");
                columnsOf.put(a, c);
                byColumn.putIfAbsent(c.name(), new BoundColumn(a, c));
                columnByProperty.putIfAbsent(a.property(), c.name());
                index.computeIfAbsent(c.name(), n -> resultIndex(n, keyColumns, select));
            }
            resolved.put(type, columnsOf);
        }
        if (mapping.discriminatorColumn() != null) {
            Column d = resolve(table, mapping.discriminatorColumn(), () -> "Entity " + mapping.root().getName() + ": discriminator");
            discriminatorIndex = index.computeIfAbsent(d.name(), n -> resultIndex(n, keyColumns, select));
        } else {
            discriminatorIndex = -1;
        }
        this.columns = List.copyOf(select);
        this.bound = List.copyOf(byColumn.values());
        TypeBinder only = null;
        for (Map.Entry<EntityType, Map<Attribute, Column>> e : resolved.entrySet()) {
            TypeBinder tb = new TypeBinder(e.getKey().type(), slots(e.getValue(), index, 0));
            if (e.getKey().discriminator() != null) {
                byDiscriminator.put(e.getKey().discriminator(), tb);
            }
            only = tb;
        }
        this.single = discriminatorIndex < 0 ? only : null;
    }

    /**
     * Resolves {@code mapping} against the real table.
     *
     * @throws RowSweepException (configuration) naming entity, field and table when a column does not exist
     */
    public static EntityBinder bind(TableMapping mapping, Table table) {
        return new EntityBinder(mapping, table);
    }

    public TableMapping mapping() {
        return mapping;
    }

    /** The columns to select after the key columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Every column the mapping reads, with the attribute it belongs to (the first, when several entity classes share it). */
    public List<BoundColumn> boundColumns() {
        return bound;
    }

    /** The column a property path (as Bean Validation reports it) reads, or null (class-level, or not a mapped path). */
    public String column(String property) {
        return columnByProperty.get(property);
    }

    /**
     * A new entity holding the current row, or null when the row's discriminator names none of
     * the mapped entity classes.
     */
    public Object read(ResultSet rs, Problems problems) throws SQLException {
        TypeBinder tb = single;
        if (tb == null) {
            String d = rs.getString(discriminatorIndex);
            tb = d == null ? null : byDiscriminator.get(d);
            if (tb == null && d != null) {
                tb = byDiscriminator.get(d.trim());
            }
            if (tb == null) {
                return null;
            }
        }
        Object entity;
        try {
            entity = tb.constructor.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot instantiate " + tb.type.getName() + ": " + e, e);
        }
        for (Slot s : tb.slots) {
            s.bind(rs, entity, problems);
        }
        return entity;
    }

    /** A column of the table by its name candidates, else a configuration error naming what exists. */
    public static Column resolve(Table table, List<String> candidates, java.util.function.Supplier<String> what) {
        for (String name : candidates) {
            var c = table.column(name);
            if (c.isPresent()) {
                return c.get();
            }
        }
        String tried = candidates.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "));
        String existing = table.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        throw RowSweepException.configuration(what.get() + " maps to column " + tried + ", which table '" + table.label()
                + "' does not have (its columns: " + existing + "). Name the column with @Column(name = ...), mark the field"
                + " @Transient, or add the column.");
    }

    /**
     * The result-set index of {@code column} in rows that start with the key columns: its key
     * position, else its place among the columns selected after the key ({@code select}, to which
     * it is added if missing).
     */
    public static int resultIndex(String column, List<String> keyColumns, List<String> select) {
        int k = keyColumns.indexOf(column);
        if (k >= 0) {
            return k + 1;
        }
        int s = select.indexOf(column);
        if (s < 0) {
            select.add(column);
            s = select.size() - 1;
        }
        return keyColumns.size() + s + 1;
    }

    /** Slots for the attributes at {@code depth} of their paths: leaves, and embedded objects holding deeper ones. */
    private static Slot[] slots(Map<Attribute, Column> attributes, Map<String, Integer> index, int depth) {
        Map<Field, Map<Attribute, Column>> byField = new LinkedHashMap<>();
        attributes.forEach((a, c) -> byField.computeIfAbsent(a.path().get(depth), f -> new LinkedHashMap<>()).put(a, c));
        List<Slot> out = new ArrayList<>();
        byField.forEach((field, group) -> {
            Map.Entry<Attribute, Column> first = group.entrySet().iterator().next();
            if (first.getKey().path().size() == depth + 1) {
                out.add(leaf(first.getKey(), first.getValue(), index.get(first.getValue().name())));
            } else {
                out.add(new EmbeddedSlot(constructor(field.getType()), setter(field), slots(group, index, depth + 1)));
            }
        });
        return out.toArray(new Slot[0]);
    }

    private static Slot leaf(Attribute a, Column column, int index) {
        Field f = a.field();
        if (a.reference() != null) {
            Field idField = a.reference().targetField();
            ValueReader reader = ColumnReaders.of(idField.getType(), column, true, null);
            return new ReferenceSlot(a, column.name(), index, reader, constructor(a.reference().target()), setter(idField), setter(f));
        }
        ValueReader reader = a.converter() != null ? ColumnReaders.converted(a.converter(), column)
                : ColumnReaders.of(f.getType(), column, a.enumOrdinal(), a.temporal());
        MethodHandle raw = rawSetter(f);
        Class<?> t = f.getType();
        if (t == int.class && a.converter() == null) {
            return new IntSlot(a, column.name(), index, raw.asType(MethodType.methodType(void.class, Object.class, int.class)));
        }
        if (t == long.class && a.converter() == null) {
            return new LongSlot(a, column.name(), index, raw.asType(MethodType.methodType(void.class, Object.class, long.class)));
        }
        return new ValueSlot(a, column.name(), index, reader, raw.asType(SETTER), t.isPrimitive());
    }

    private static MethodHandle rawSetter(Field f) {
        try {
            if (Modifier.isFinal(f.getModifiers())) {
                throw RowSweepException.configuration("Field " + f.getDeclaringClass().getName() + "." + f.getName()
                        + " is final, so rowsweep cannot store a column in it. Make it non-final, or mark it @Transient.");
            }
            f.setAccessible(true);
            return MethodHandles.lookup().unreflectSetter(f);
        } catch (IllegalAccessException | RuntimeException e) {
            if (e instanceof RowSweepException) {
                throw (RowSweepException) e;
            }
            throw RowSweepException.configuration("Field " + f.getDeclaringClass().getName() + "." + f.getName()
                    + " cannot be set by rowsweep: " + e.getMessage());
        }
    }

    private static MethodHandle setter(Field f) {
        return rawSetter(f).asType(SETTER);
    }

    private static MethodHandle constructor(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return MethodHandles.lookup().unreflectConstructor(c).asType(MethodType.methodType(Object.class));
        } catch (NoSuchMethodException e) {
            throw RowSweepException.configuration(type.getName() + " has no constructor without arguments, which JPA requires;"
                    + " add one (it may be protected).");
        } catch (IllegalAccessException | RuntimeException e) {
            throw RowSweepException.configuration(type.getName() + " cannot be instantiated by rowsweep: " + e.getMessage());
        }
    }

    private record TypeBinder(Class<?> type, Slot[] slots, MethodHandle constructor) {
        TypeBinder(Class<?> type, Slot[] slots) {
            this(type, slots, EntityBinder.constructor(type));
        }
    }

    /** Stores part of a row in an object; returns whether it stored a non-null value. */
    private abstract static class Slot {
        abstract boolean bind(ResultSet rs, Object target, Problems problems) throws SQLException;
    }

    /** A column stored in one field; conversion failures go to {@link Problems}. */
    private abstract static class ColumnSlot extends Slot {
        final Attribute attribute;
        final String column;
        final int index;

        ColumnSlot(Attribute attribute, String column, int index) {
            this.attribute = attribute;
            this.column = column;
            this.index = index;
        }

        @Override
        final boolean bind(ResultSet rs, Object target, Problems problems) throws SQLException {
            try {
                return store(rs, target, problems);
            } catch (SQLException e) {
                if (!ColumnReaders.isDataError(e)) {
                    throw e;
                }
                problems.conversion(column, attribute.property(), text(rs), message(e));
            } catch (Throwable e) {
                if (e instanceof Error && !(e instanceof LinkageError)) {
                    throw (Error) e;
                }
                problems.conversion(column, attribute.property(), text(rs), message(e));
            }
            return false;
        }

        abstract boolean store(ResultSet rs, Object target, Problems problems) throws Throwable;

        String message(Throwable e) {
            return "cannot be stored in " + attribute.field().getType().getSimpleName() + " field '" + attribute.property() + "': "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
        }

        void nullInPrimitive(Problems problems) {
            problems.conversion(column, attribute.property(), null, "NULL cannot be stored in primitive "
                    + attribute.field().getType().getName() + " field '" + attribute.property() + "'");
        }

        private String text(ResultSet rs) {
            try {
                return rs.getString(index);
            } catch (SQLException | RuntimeException e) {
                return null;
            }
        }
    }

    private static final class ValueSlot extends ColumnSlot {
        private final ValueReader reader;
        private final MethodHandle setter;
        private final boolean primitive;

        ValueSlot(Attribute a, String column, int index, ValueReader reader, MethodHandle setter, boolean primitive) {
            super(a, column, index);
            this.reader = reader;
            this.setter = setter;
            this.primitive = primitive;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            Object v = reader.read(rs, index);
            if (v == null && primitive) {
                nullInPrimitive(problems);
                return false;
            }
            setter.invokeExact(target, v);
            return v != null;
        }
    }

    private static final class IntSlot extends ColumnSlot {
        private final MethodHandle setter;

        IntSlot(Attribute a, String column, int index, MethodHandle setter) {
            super(a, column, index);
            this.setter = setter;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            int v = rs.getInt(index);
            if (rs.wasNull()) {
                nullInPrimitive(problems);
                return false;
            }
            setter.invokeExact(target, v);
            return true;
        }
    }

    private static final class LongSlot extends ColumnSlot {
        private final MethodHandle setter;

        LongSlot(Attribute a, String column, int index, MethodHandle setter) {
            super(a, column, index);
            this.setter = setter;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            long v = rs.getLong(index);
            if (rs.wasNull()) {
                nullInPrimitive(problems);
                return false;
            }
            setter.invokeExact(target, v);
            return true;
        }
    }

    /** A foreign key: a reference instance of the target entity holding just its key, like a JPA lazy proxy. */
    private static final class ReferenceSlot extends ColumnSlot {
        private final ValueReader reader;
        private final MethodHandle constructor;
        private final MethodHandle keySetter;
        private final MethodHandle setter;

        ReferenceSlot(Attribute a, String column, int index, ValueReader reader, MethodHandle constructor, MethodHandle keySetter,
                      MethodHandle setter) {
            super(a, column, index);
            this.reader = reader;
            this.constructor = constructor;
            this.keySetter = keySetter;
            this.setter = setter;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            Object key = reader.read(rs, index);
            if (key == null) {
                return false;
            }
            Object reference = constructor.invokeExact();
            keySetter.invokeExact(reference, key);
            setter.invokeExact(target, reference);
            return true;
        }
    }

    private static final class EmbeddedSlot extends Slot {
        private final MethodHandle constructor;
        private final MethodHandle setter;
        private final Slot[] children;

        EmbeddedSlot(MethodHandle constructor, MethodHandle setter, Slot[] children) {
            this.constructor = constructor;
            this.setter = setter;
            this.children = children;
        }

        @Override
        boolean bind(ResultSet rs, Object target, Problems problems) throws SQLException {
            Object inner;
            try {
                inner = constructor.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException("cannot instantiate an embedded object: " + e, e);
            }
            boolean any = false;
            for (Slot s : children) {
                any |= s.bind(rs, inner, problems);
            }
            // As JPA providers do: an embedded object whose columns are all NULL is null.
            if (any) {
                try {
                    setter.invokeExact(target, inner);
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot set an embedded object: " + e, e);
                }
            }
            return any;
        }
    }
}
