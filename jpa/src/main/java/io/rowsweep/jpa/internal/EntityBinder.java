package io.rowsweep.jpa.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Table;

import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Binds the rows of one table to new entity instances. Everything is resolved once, when the
 * binder is made: which column each attribute reads (checked against the real tables), at which
 * result-set index, with which reader, into which field. Per row it only reads values,
 * allocates the entity (and its embedded objects) and stores the fields.
 *
 * <p>Fields and constructors are used through core reflection, made accessible once. Method
 * handles would be as fast per call once compiled, but each one spins classes when it is made,
 * and a short run spent more time compiling that machinery than binding rows.
 *
 * <p>Rows are read from a result set whose first columns are the table's key columns, followed
 * by {@link #columns()}: columns of the table itself and, for a joined hierarchy or secondary
 * tables, of the tables joined to it by key ({@link TableMapping#joins()}). A value that cannot
 * be converted is reported to {@link Problems} and its field left unset; the rest of the row is
 * still bound. As JPA providers do, an embedded object whose columns are all NULL is null (and
 * its fields' problems are not reported); one without columns (only collections) is always made.
 */
public final class EntityBinder {

    /** Receives the values of a row that could not be stored in their fields. */
    @FunctionalInterface
    public interface Problems {
        void conversion(String column, String property, String value, String message);
    }

    /**
     * A column to select after the key columns.
     *
     * @param source -1 for the table itself, else the index of the joined table in {@link TableMapping#joins()}
     */
    public record Selected(int source, Column column) {
    }

    /** An attribute with the real column it reads, and the table that column is in. */
    public record BoundColumn(Attribute attribute, Table table, Column column) {
    }

    private final TableMapping mapping;
    private final List<Selected> columns;
    private final List<BoundColumn> bound;
    private final Map<String, String> columnByProperty = new HashMap<>();
    private final int discriminatorIndex;
    private final Map<String, TypeBinder> byDiscriminator = new HashMap<>();
    /** Joined hierarchy without discriminator: the deepest class whose own table has the row wins. */
    private final List<Map.Entry<Integer, TypeBinder>> byPresence = new ArrayList<>();
    private final TypeBinder single;
    private final List<TypeBinder> all = new ArrayList<>();

    private EntityBinder(TableMapping mapping, Table table, Map<String, Table> joined) {
        this.mapping = mapping;
        List<String> keyColumns = table.key().names();
        Map<String, Integer> sources = new HashMap<>();
        Map<Integer, Table> tables = new HashMap<>();
        sources.put(mapping.table(), -1);
        tables.put(-1, table);
        for (int i = 0; i < mapping.joins().size(); i++) {
            TableMapping.JoinedTable j = mapping.joins().get(i);
            Table t = joined.get(j.table());
            if (t == null) {
                throw new IllegalArgumentException("joined table " + j.table() + " not resolved");
            }
            sources.put(j.table(), i);
            tables.put(i, t);
        }
        List<Selected> select = new ArrayList<>();
        Map<String, BoundColumn> byColumn = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        Map<EntityType, Map<Attribute, Located>> resolved = new LinkedHashMap<>();
        for (EntityType type : mapping.types()) {
            Map<Attribute, Located> indexOf = new LinkedHashMap<>();
            for (Attribute a : type.attributes()) {
                if (!a.hasColumn()) {
                    indexOf.put(a, null);
                    continue;
                }
                Integer source = sources.get(a.table());
                if (source == null) {
                    throw RowSweepException.configuration("Entity " + type.type().getName() + ": field '" + a.property()
                            + "' is in table '" + a.table() + "', which is not joined to '" + mapping.table() + "'.");
                }
                Table t = tables.get(source);
                Column c = resolve(t, a.column(), () -> "Entity " + type.type().getName() + ": field '" + a.property() + "'");
                byColumn.putIfAbsent(source + "." + c.name(), new BoundColumn(a, t, c));
                columnByProperty.putIfAbsent(a.property(), c.name());
                indexOf.put(a, new Located(index.computeIfAbsent(source + "." + c.name(), n -> resultIndex(source, c, keyColumns, select)), c));
            }
            resolved.put(type, indexOf);
        }
        if (mapping.discriminatorColumn() != null) {
            Column d = resolve(table, mapping.discriminatorColumn(), () -> "Entity " + mapping.root().getName() + ": discriminator");
            discriminatorIndex = index.computeIfAbsent("-1." + d.name(), n -> resultIndex(-1, d, keyColumns, select));
        } else {
            discriminatorIndex = -1;
        }
        TypeBinder only = null;
        for (Map.Entry<EntityType, Map<Attribute, Located>> e : resolved.entrySet()) {
            EntityType type = e.getKey();
            TypeBinder tb = new TypeBinder(type.type(), slots(e.getValue(), 0));
            all.add(tb);
            if (type.discriminator() != null) {
                byDiscriminator.put(type.discriminator(), tb);
            } else if (type.ownTable() != null) {
                int source = sources.get(type.ownTable());
                Column marker = source < 0 ? table.key().columns().get(0)
                        : resolve(tables.get(source), mapping.joins().get(source).keyColumns().get(0), () -> "Entity " + type.type().getName());
                byPresence.add(Map.entry(index.computeIfAbsent(source + "." + marker.name(),
                        n -> resultIndex(source, marker, keyColumns, select)), tb));
            }
            only = tb;
        }
        byPresence.sort(Comparator.comparingInt((Map.Entry<Integer, TypeBinder> e) -> -depth(e.getValue().type())));
        this.columns = List.copyOf(select);
        this.bound = List.copyOf(byColumn.values());
        // One class, and every row is of it: not so when its rows are those its own (joined) table has.
        boolean everyRow = byPresence.isEmpty() || byPresence.size() == 1 && mapping.types().get(0).ownTable().equals(mapping.table());
        this.single = discriminatorIndex < 0 && everyRow ? only : null;
    }

    /**
     * Resolves {@code mapping} against the real tables.
     *
     * @param joined the tables of {@link TableMapping#joins()}, resolved, by their name in the mapping
     * @throws RowSweepException (configuration) naming entity, field and table when a column does not exist
     */
    public static EntityBinder bind(TableMapping mapping, Table table, Map<String, Table> joined) {
        return new EntityBinder(mapping, table, joined);
    }

    public TableMapping mapping() {
        return mapping;
    }

    /** The columns to select after the key columns, in order. */
    public List<Selected> columns() {
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
        TypeBinder tb = single != null ? single : typeOf(rs);
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

    /** The entity class of the current row: the one its discriminator names, or the deepest whose table has the row; or null. */
    private TypeBinder typeOf(ResultSet rs) throws SQLException {
        if (discriminatorIndex < 0) {
            for (Map.Entry<Integer, TypeBinder> e : byPresence) {
                if (rs.getObject(e.getKey()) != null) {
                    return e.getValue();
                }
            }
            return null;
        }
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
        for (TypeBinder tb : single != null ? List.of(single) : all) {
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
            TypeTest t = singleTest != null ? singleTest : tests.get(typeOf(rs));
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

    /** A column of the table by its name (as Hibernate derives it; case-insensitive), else a configuration error naming what exists. */
    public static Column resolve(Table table, String name, Supplier<String> what) {
        return table.column(name).orElseThrow(() -> RowSweepException.configuration(what.get() + " maps to column '" + name
                + "', which table '" + table.label() + "' does not have (its columns: "
                + table.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + "). Name the column with"
                + " @Column(name = ...), mark the field @Transient, or add the column."));
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

    private static int resultIndex(int source, Column column, List<String> keyColumns, List<Selected> select) {
        int k = source < 0 ? keyColumns.indexOf(column.name()) : -1;
        if (k >= 0) {
            return k + 1;
        }
        select.add(new Selected(source, column));
        return keyColumns.size() + select.size();
    }

    private static int depth(Class<?> type) {
        int d = 0;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            d++;
        }
        return d;
    }

    /** Slots for the attributes at {@code depth} of their paths: leaves, and embedded objects holding deeper ones. */
    private static Slot[] slots(Map<Attribute, Located> attributes, int depth) {
        Map<Field, Map<Attribute, Located>> byField = new LinkedHashMap<>();
        attributes.forEach((a, i) -> byField.computeIfAbsent(a.path().get(depth), f -> new LinkedHashMap<>()).put(a, i));
        Class<?> holder = attributes.keySet().iterator().next().path().get(depth).getDeclaringClass();
        RecordComponent[] components = holder.isRecord() ? holder.getRecordComponents() : null;
        List<Slot> out = new ArrayList<>();
        byField.forEach((field, group) -> {
            Store store = components == null ? new FieldStore(settable(field)) : new ComponentStore(field, component(components, field));
            Map.Entry<Attribute, Located> first = group.entrySet().iterator().next();
            Attribute a = first.getKey();
            if (a.path().size() == depth + 1 && a.hasColumn()) {
                out.add(leaf(a, first.getValue(), store));
            } else {
                Map<Attribute, Located> deeper = new LinkedHashMap<>(group);
                deeper.keySet().removeIf(x -> x.path().size() == depth + 1);
                Slot[] children = deeper.isEmpty() ? new Slot[0] : slots(deeper, depth + 1);
                out.add(new EmbeddedSlot(Holder.of(field.getType()), store, children));
            }
        });
        return out.toArray(new Slot[0]);
    }

    private static int component(RecordComponent[] components, Field field) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(field.getName())) {
                return i;
            }
        }
        throw new IllegalStateException(field + " is no component of its record");
    }

    private static Slot leaf(Attribute a, Located at, Store store) {
        if (a.reference() != null) {
            return new ReferenceSlot(a, at, constructor(a.reference().target()), settable(a.reference().targetField()), store);
        }
        Class<?> t = a.field().getType();
        if (t == int.class && a.converter() == null && store instanceof FieldStore fs) {
            return new IntSlot(a, at, fs.field());
        }
        if (t == long.class && a.converter() == null && store instanceof FieldStore fs) {
            return new LongSlot(a, at, fs.field());
        }
        return new ValueSlot(a, at, store, t.isPrimitive());
    }

    /** Where an attribute's column is in the row. */
    private record Located(int index, Column column) {
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

    private static Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
        try {
            Constructor<?> c = type.getDeclaredConstructor(parameters);
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

    /** Where a slot puts its value: a field of the object, or a component of a record being assembled. */
    private interface Store {
        void set(Object target, Object value) throws ReflectiveOperationException;

        /** The field the value ends up in. */
        Field field();
    }

    private record FieldStore(Field field) implements Store {
        @Override
        public void set(Object target, Object value) throws ReflectiveOperationException {
            field.set(target, value);
        }
    }

    /** A record's component: its value goes into the argument array of the canonical constructor. */
    private record ComponentStore(Field field, int position) implements Store {
        @Override
        public void set(Object target, Object value) {
            ((Object[]) target)[position] = value;
        }
    }

    /** Makes an embedded object: a new instance whose fields are set, or a record from its components. */
    private abstract static class Holder {
        static Holder of(Class<?> type) {
            if (!type.isRecord()) {
                Constructor<?> c = constructor(type);
                return new Holder() {
                    @Override
                    Object start() throws ReflectiveOperationException {
                        return c.newInstance();
                    }

                    @Override
                    Object finish(Object started) {
                        return started;
                    }
                };
            }
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] defaults = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                defaults[i] = types[i].isPrimitive() ? Array.get(Array.newInstance(types[i], 1), 0) : null;
            }
            Constructor<?> canonical = constructor(type, types);
            return new Holder() {
                @Override
                Object start() {
                    return defaults.clone();
                }

                @Override
                Object finish(Object started) throws ReflectiveOperationException {
                    return canonical.newInstance((Object[]) started);
                }
            };
        }

        /** What the children store into. */
        abstract Object start() throws ReflectiveOperationException;

        /** The embedded object. */
        abstract Object finish(Object started) throws ReflectiveOperationException;
    }

    /** Stores part of a row in an object. */
    private abstract static class Slot {
        /** Stores; returns whether the row holds a value for it (a column that is not NULL, or an object without columns). */
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

        ColumnSlot(Attribute attribute, Located at) {
            this.attribute = attribute;
            this.column = at.column().name();
            this.index = at.index();
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
            return true;
        }

        /** Stores the column's value; returns whether it is not NULL. */
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
        private final Store store;
        private final boolean primitive;
        /** What the field accepts: its type, boxed for a primitive. */
        private final Class<?> storable;

        ValueSlot(Attribute a, Located at, Store store, boolean primitive) {
            super(a, at);
            Field f = a.field();
            this.reader = a.converter() != null ? ColumnReaders.converted(a.converter(), at.column())
                    : ColumnReaders.of(f.getType(), at.column(), a.enumOrdinal(), a.temporal());
            this.store = store;
            this.primitive = primitive;
            this.storable = primitive ? MethodType.methodType(f.getType()).wrap().returnType() : f.getType();
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            Object v = reader.read(rs, index);
            if (v == null && primitive) {
                nullInPrimitive(problems);
                return false;
            }
            store.set(target, v);
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

        IntSlot(Attribute a, Located at, Field field) {
            super(a, at);
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

        LongSlot(Attribute a, Located at, Field field) {
            super(a, at);
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
        private final Store store;

        ReferenceSlot(Attribute a, Located at, Constructor<?> constructor, Field keyField, Store store) {
            super(a, at);
            this.reader = ColumnReaders.of(keyField.getType(), at.column(), true, null);
            this.constructor = constructor;
            this.keyField = keyField;
            this.store = store;
        }

        @Override
        boolean store(ResultSet rs, Object target, Problems problems) throws Throwable {
            Object key = reader.read(rs, index);
            if (key == null) {
                return false;
            }
            Object reference = constructor.newInstance();
            keyField.set(reference, key);
            store.set(target, reference);
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
            return !(store instanceof FieldStore) || holdsNull(store.field(), target);
        }
    }

    /**
     * An embedded object: null when all its columns are NULL (and then its fields' problems, a
     * NULL for a primitive, are not reported), else made and filled; one without columns is
     * always made.
     */
    private static final class EmbeddedSlot extends Slot {
        private final Holder holder;
        private final Store store;
        private final Slot[] children;

        EmbeddedSlot(Holder holder, Store store, Slot[] children) {
            this.holder = holder;
            this.store = store;
            this.children = children;
        }

        @Override
        boolean bind(ResultSet rs, Object target, Problems problems) throws SQLException {
            Object inner;
            try {
                inner = holder.start();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot instantiate an embedded object: " + e, e);
            }
            boolean any = children.length == 0;
            List<String[]> held = new ArrayList<>(0);
            Problems hold = (column, property, value, message) -> held.add(new String[] {column, property, value, message});
            for (Slot s : children) {
                any |= s.bind(rs, inner, hold);
            }
            if (!any) {
                return false;
            }
            held.forEach(p -> problems.conversion(p[0], p[1], p[2], p[3]));
            try {
                store.set(target, holder.finish(inner));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot make or set an embedded object: " + e, e);
            }
            return true;
        }

        @Override
        Field field() {
            return store.field();
        }

        @Override
        Object peek(ResultSet rs) {
            boolean any = children.length == 0;
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
                inner = holder.start();
                holder.finish(inner);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
            for (Slot s : children) {
                if (!s.probeable(inner)) {
                    return false;
                }
            }
            return !(store instanceof FieldStore) || holdsNull(store.field(), target);
        }
    }
}
