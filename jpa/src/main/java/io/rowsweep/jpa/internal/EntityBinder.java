package io.rowsweep.jpa.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.schema.Column;
import io.rowsweep.core.internal.schema.Table;

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
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Binds the rows of one table to new entity instances. Everything is resolved once, when the
 * binder is made: which column each attribute reads (checked against the real table), at which
 * result-set index, with which reader, into which field. Per row it only reads values,
 * allocates the entity (and its embedded objects) and stores the fields.
 *
 * <p>Fields and constructors are used through core reflection, made accessible once. Method
 * handles would be as fast per call once compiled, but each one spins classes when it is made,
 * and a short run spent more time compiling that machinery than binding rows.
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
        TypeBinder tb = single != null ? single : byDiscriminator(rs);
        if (tb == null) {
            return null;
        }
        Object entity;
        try {
            entity = tb.constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot instantiate " + tb.type.getName() + ": " + e, e);
        }
        for (Slot s : tb.slots) {
            s.bind(rs, entity, problems);
        }
        return entity;
    }

    /** The entity class the current row's discriminator names, or null. */
    private TypeBinder byDiscriminator(ResultSet rs) throws SQLException {
        String d = rs.getString(discriminatorIndex);
        if (d == null) {
            return null;
        }
        TypeBinder tb = byDiscriminator.get(d);
        return tb != null ? tb : byDiscriminator.get(d.trim());
    }

    /**
     * A test of the current row that reads its columns as {@link #read} does but makes no entity:
     * it passes only when every value converts and every checked field would hold a value its
     * check accepts. A row that passes is bound to an entity without a problem and its checked
     * fields pass; a row that does not pass is simply bound and validated in full.
     *
     * @param checks per entity class, checks of its fields (fields it does not name are not checked);
     *               a class that is not in it is never passed
     * @return the test, or null when none of the table's entity classes can be tested this way
     */
    public RowTest rowTest(Map<Class<?>, Map<Field, Predicate<Object>>> checks) {
        Map<TypeBinder, TypeTest> tests = new HashMap<>();
        for (TypeBinder tb : single != null ? List.of(single) : byDiscriminator.values()) {
            Map<Field, Predicate<Object>> c = checks.get(tb.type());
            TypeTest t = c == null ? null : TypeTest.of(tb, c);
            if (t != null) {
                tests.put(tb, t);
            }
        }
        return tests.isEmpty() ? null : new RowTest(tests);
    }

    /** See {@link #rowTest}. */
    public final class RowTest {
        private final Map<TypeBinder, TypeTest> tests;
        private final TypeTest singleTest;

        /** @param tests not empty: with a single entity class, its test */
        private RowTest(Map<TypeBinder, TypeTest> tests) {
            this.tests = tests;
            this.singleTest = single != null ? tests.get(single) : null;
        }

        /** Whether the current row certainly binds without a problem and passes the checks. */
        public boolean passes(ResultSet rs) throws SQLException {
            TypeTest t = singleTest != null ? singleTest : tests.get(byDiscriminator(rs));
            return t != null && t.passes(rs);
        }
    }

    /** The row test of one entity class: its top-level slots, each with the check of its field or null. */
    private record TypeTest(Slot[] slots, Predicate<Object>[] checks) {

        static TypeTest of(TypeBinder tb, Map<Field, Predicate<Object>> checks) {
            Object fresh;
            try {
                fresh = tb.constructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // read() reports it, row by row
            }
            @SuppressWarnings("unchecked")
            Predicate<Object>[] bySlot = new Predicate[tb.slots().length];
            Map<Field, Predicate<Object>> unbound = new HashMap<>(checks);
            for (int i = 0; i < bySlot.length; i++) {
                Slot slot = tb.slots()[i];
                if (!slot.probeable(fresh)) {
                    return null;
                }
                bySlot[i] = unbound.remove(slot.field());
            }
            // A checked field no column is bound to keeps what the constructor gave it, for every row.
            for (Map.Entry<Field, Predicate<Object>> e : unbound.entrySet()) {
                try {
                    e.getKey().setAccessible(true);
                    if (!e.getValue().test(e.getKey().get(fresh))) {
                        return null;
                    }
                } catch (ReflectiveOperationException | RuntimeException ex) {
                    return null;
                }
            }
            return new TypeTest(tb.slots(), bySlot);
        }

        boolean passes(ResultSet rs) {
            for (int i = 0; i < slots.length; i++) {
                Object v = slots[i].peek(rs);
                if (v == UNSTORABLE) {
                    return false;
                }
                Predicate<Object> check = checks[i];
                if (check != null && !check.test(v)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@link Slot#peek}: the value cannot be stored (a conversion problem, NULL for a primitive field). */
    private static final Object UNSTORABLE = new Object();
    /** {@link Slot#peek}: some non-null value that checks need not see (a primitive, a reference, an embedded object). */
    private static final Object PRESENT = new Object();

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
                out.add(new EmbeddedSlot(constructor(field.getType()), settable(field), slots(group, index, depth + 1)));
            }
        });
        return out.toArray(new Slot[0]);
    }

    private static Slot leaf(Attribute a, Column column, int index) {
        Field f = a.field();
        if (a.reference() != null) {
            Field idField = a.reference().targetField();
            ValueReader reader = ColumnReaders.of(idField.getType(), column, true, null);
            return new ReferenceSlot(a, column.name(), index, reader, constructor(a.reference().target()), settable(idField),
                    settable(f));
        }
        ValueReader reader = a.converter() != null ? ColumnReaders.converted(a.converter(), column)
                : ColumnReaders.of(f.getType(), column, a.enumOrdinal(), a.temporal());
        Field field = settable(f);
        Class<?> t = f.getType();
        if (t == int.class && a.converter() == null) {
            return new IntSlot(a, column.name(), index, field);
        }
        if (t == long.class && a.converter() == null) {
            return new LongSlot(a, column.name(), index, field);
        }
        return new ValueSlot(a, column.name(), index, reader, field, t.isPrimitive());
    }

    /** {@code f}, made accessible, or a configuration error when it cannot be set. */
    private static Field settable(Field f) {
        if (Modifier.isFinal(f.getModifiers())) {
            throw RowSweepException.configuration("Field " + f.getDeclaringClass().getName() + "." + f.getName()
                    + " is final, so rowsweep cannot store a column in it. Make it non-final, or mark it @Transient.");
        }
        try {
            f.setAccessible(true);
            return f;
        } catch (RuntimeException e) {
            throw RowSweepException.configuration("Field " + f.getDeclaringClass().getName() + "." + f.getName()
                    + " cannot be set by rowsweep: " + e.getMessage());
        }
    }

    private static Constructor<?> constructor(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            throw RowSweepException.configuration(type.getName() + " has no constructor without arguments, which JPA requires;"
                    + " add one (it may be protected).");
        } catch (RuntimeException e) {
            throw RowSweepException.configuration(type.getName() + " cannot be instantiated by rowsweep: " + e.getMessage());
        }
    }

    private record TypeBinder(Class<?> type, Slot[] slots, Constructor<?> constructor) {
        TypeBinder(Class<?> type, Slot[] slots) {
            this(type, slots, EntityBinder.constructor(type));
        }
    }

    /** Stores part of a row in an object; returns whether it stored a non-null value. */
    private abstract static class Slot {
        abstract boolean bind(ResultSet rs, Object target, Problems problems) throws SQLException;

        /** The field of the object it stores into. */
        abstract Field field();

        /**
         * What {@link #bind} would store, read the same way: the value itself for a field checks may
         * look at, {@link #PRESENT} for another non-null value, null, or {@link #UNSTORABLE} when
         * bind would report a problem (or throw: bind then reports it, row by row).
         */
        abstract Object peek(ResultSet rs);

        /**
         * Whether {@link #peek} tells what the field holds after bind, given a freshly made
         * {@code target}: not so when bind leaves a field as the constructor set it (no reference,
         * no embedded object) and the constructor set it to something.
         */
        boolean probeable(Object target) {
            return true;
        }

        /** Rethrows what no conversion problem is made of. */
        static Object unstorable(Throwable e) {
            if (e instanceof Error && !(e instanceof LinkageError)) {
                throw (Error) e;
            }
            return UNSTORABLE;
        }

        /** Whether {@code field} of {@code target} holds null (so leaving it alone stores null). */
        static boolean holdsNull(Field field, Object target) {
            try {
                return field.get(target) == null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
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

        @Override
        final Field field() {
            return attribute.field();
        }

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
        private final Field field;
        private final boolean primitive;
        /** What the field accepts: its type, boxed for a primitive. */
        private final Class<?> storable;

        ValueSlot(Attribute a, String column, int index, ValueReader reader, Field field, boolean primitive) {
            super(a, column, index);
            this.reader = reader;
            this.field = field;
            this.primitive = primitive;
            this.storable = primitive ? MethodType.methodType(field.getType()).wrap().returnType() : field.getType();
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            Object v = reader.read(rs, index);
            if (v == null && primitive) {
                nullInPrimitive(problems);
                return false;
            }
            field.set(target, v);
            return v != null;
        }

        @Override
        Object peek(ResultSet rs) {
            try {
                Object v = reader.read(rs, index);
                return v == null ? (primitive ? UNSTORABLE : null) : storable.isInstance(v) ? v : UNSTORABLE;
            } catch (Throwable e) {
                return unstorable(e);
            }
        }
    }

    private static final class IntSlot extends ColumnSlot {
        private final Field field;

        IntSlot(Attribute a, String column, int index, Field field) {
            super(a, column, index);
            this.field = field;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            int v = rs.getInt(index);
            if (rs.wasNull()) {
                nullInPrimitive(problems);
                return false;
            }
            field.setInt(target, v);
            return true;
        }

        @Override
        Object peek(ResultSet rs) {
            try {
                rs.getInt(index);
                return rs.wasNull() ? UNSTORABLE : PRESENT;
            } catch (Throwable e) {
                return unstorable(e);
            }
        }
    }

    private static final class LongSlot extends ColumnSlot {
        private final Field field;

        LongSlot(Attribute a, String column, int index, Field field) {
            super(a, column, index);
            this.field = field;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            long v = rs.getLong(index);
            if (rs.wasNull()) {
                nullInPrimitive(problems);
                return false;
            }
            field.setLong(target, v);
            return true;
        }

        @Override
        Object peek(ResultSet rs) {
            try {
                rs.getLong(index);
                return rs.wasNull() ? UNSTORABLE : PRESENT;
            } catch (Throwable e) {
                return unstorable(e);
            }
        }
    }

    /** A foreign key: a reference instance of the target entity holding just its key, like a JPA lazy proxy. */
    private static final class ReferenceSlot extends ColumnSlot {
        private final ValueReader reader;
        private final Constructor<?> constructor;
        private final Field keyField;
        private final Field field;

        ReferenceSlot(Attribute a, String column, int index, ValueReader reader, Constructor<?> constructor, Field keyField,
                      Field field) {
            super(a, column, index);
            this.reader = reader;
            this.constructor = constructor;
            this.keyField = keyField;
            this.field = field;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            Object key = reader.read(rs, index);
            if (key == null) {
                return false;
            }
            Object reference = constructor.newInstance();
            keyField.set(reference, key);
            field.set(target, reference);
            return true;
        }

        @Override
        Object peek(ResultSet rs) {
            try {
                return reader.read(rs, index) == null ? null : PRESENT;
            } catch (Throwable e) {
                return unstorable(e);
            }
        }

        @Override
        boolean probeable(Object target) {
            try {
                constructor.newInstance(); // bind makes one per row: it must not fail
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
            return holdsNull(field, target);
        }
    }

    private static final class EmbeddedSlot extends Slot {
        private final Constructor<?> constructor;
        private final Field field;
        private final Slot[] children;

        EmbeddedSlot(Constructor<?> constructor, Field field, Slot[] children) {
            this.constructor = constructor;
            this.field = field;
            this.children = children;
        }

        @Override
        boolean bind(ResultSet rs, Object target, Problems problems) throws SQLException {
            Object inner;
            try {
                inner = constructor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot instantiate an embedded object: " + e, e);
            }
            boolean any = false;
            for (Slot s : children) {
                any |= s.bind(rs, inner, problems);
            }
            // As JPA providers do: an embedded object whose columns are all NULL is null.
            if (any) {
                try {
                    field.set(target, inner);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot set an embedded object: " + e, e);
                }
            }
            return any;
        }

        @Override
        Field field() {
            return field;
        }

        @Override
        Object peek(ResultSet rs) {
            boolean any = false;
            for (Slot s : children) {
                Object v = s.peek(rs);
                if (v == UNSTORABLE) {
                    return UNSTORABLE;
                }
                any |= v != null;
            }
            return any ? PRESENT : null;
        }

        @Override
        boolean probeable(Object target) {
            Object inner;
            try {
                inner = constructor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
            for (Slot s : children) {
                if (!s.probeable(inner)) {
                    return false;
                }
            }
            return holdsNull(field, target);
        }
    }
}
