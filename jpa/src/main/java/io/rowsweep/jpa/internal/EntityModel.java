package io.rowsweep.jpa.internal;

import io.rowsweep.core.RowSweepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads entity classes' JPA mapping the way a JPA provider under Spring Boot would: which fields
 * are persistent, which column each maps to, ids, embeddables, to-one associations, inheritance.
 * Annotations are read by name (jakarta or javax). Collections ({@code @OneToMany},
 * {@code @ManyToMany}, {@code @ElementCollection}) live in other tables and are skipped.
 */
public final class EntityModel {

    private static final Logger LOG = LoggerFactory.getLogger(EntityModel.class);
    private static final List<String> SKIPPED = List.of("Transient", "OneToMany", "ManyToMany", "ElementCollection");

    private EntityModel() {
    }

    /** One mapping per table: entities of the same single-table hierarchy share theirs. */
    public static List<TableMapping> map(Collection<Class<?>> entities) {
        Map<Class<?>, Set<Class<?>>> byRoot = new LinkedHashMap<>();
        for (Class<?> c : entities) {
            if (!Jpa.has(c, "Entity")) {
                throw RowSweepException.configuration("Class " + c.getName() + " is not an @Entity. Name entity classes,"
                        + " or a package to scan for them.");
            }
            Class<?> root = c;
            for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
                if (Jpa.has(s, "Entity")) {
                    root = s;
                }
            }
            Set<Class<?>> members = byRoot.computeIfAbsent(root, r -> new LinkedHashSet<>());
            for (Class<?> s = c; s != null && s != root.getSuperclass(); s = s.getSuperclass()) {
                if (Jpa.has(s, "Entity")) {
                    members.add(s);
                }
            }
        }
        List<TableMapping> out = new ArrayList<>();
        byRoot.forEach((root, members) -> out.add(table(root, members)));
        return out;
    }

    private static TableMapping table(Class<?> root, Set<Class<?>> members) {
        Annotation inheritance = Jpa.find(root, "Inheritance");
        String strategy = Jpa.enumName(inheritance, "strategy");
        if (strategy != null && !strategy.equals("SINGLE_TABLE")) {
            throw RowSweepException.configuration("Entity " + root.getName() + " uses @Inheritance(strategy = " + strategy
                    + "), which rowsweep cannot validate yet (single-table hierarchies only). Validate its tables with a rules file.");
        }
        Annotation table = Jpa.find(root, "Table");
        String schema = Jpa.text(table, "schema");
        List<String> tableNames = Naming.candidates(Jpa.text(table, "name"), entityName(root));
        List<List<String>> uniques = new ArrayList<>();
        for (Annotation u : Jpa.list(table, "uniqueConstraints")) {
            uniques.add(List.of((String[]) Jpa.attr(u, "columnNames")));
        }
        boolean hierarchy = members.size() > 1 || members.stream().anyMatch(m -> m != root);
        List<String> discriminatorColumn = null;
        String discriminatorType = "STRING";
        if (hierarchy || Jpa.has(root, "DiscriminatorColumn")) {
            Annotation dc = Jpa.find(root, "DiscriminatorColumn");
            discriminatorColumn = Naming.candidates(Jpa.text(dc, "name") == null ? "DTYPE" : Jpa.text(dc, "name"), "DTYPE");
            if (dc != null) {
                discriminatorType = Jpa.enumName(dc, "discriminatorType");
            }
        }
        List<EntityType> types = new ArrayList<>();
        for (Class<?> m : members) {
            if (Modifier.isAbstract(m.getModifiers())) {
                continue;
            }
            String discriminator = discriminatorColumn == null ? null : discriminatorValue(m, discriminatorType);
            types.add(new EntityType(m, entityName(m), discriminator, attributes(m)));
        }
        if (types.isEmpty()) {
            throw RowSweepException.configuration("Entity " + root.getName() + " is abstract and none of its concrete subclasses"
                    + " was given. Name the concrete entity classes, or scan their package.");
        }
        return new TableMapping(root, schema, tableNames, types, discriminatorColumn, uniques);
    }

    private static String discriminatorValue(Class<?> type, String discriminatorType) {
        String explicit = Jpa.text(Jpa.find(type, "DiscriminatorValue"), "value");
        if (explicit != null) {
            return explicit;
        }
        if (!"STRING".equals(discriminatorType)) {
            throw RowSweepException.configuration("Entity " + type.getName() + " needs a @DiscriminatorValue: its hierarchy's"
                    + " discriminator column is of type " + discriminatorType + ".");
        }
        return entityName(type);
    }

    /** {@code @Entity(name)}, else the class's simple name. */
    public static String entityName(Class<?> type) {
        String name = Jpa.text(Jpa.find(type, "Entity"), "name");
        return name != null ? name : type.getSimpleName();
    }

    /** The persistent attributes of an entity class, inherited ones first. */
    public static List<Attribute> attributes(Class<?> type) {
        List<Attribute> out = new ArrayList<>();
        for (Class<?> c : persistentHierarchy(type)) {
            for (Field f : c.getDeclaredFields()) {
                collect(c, f, List.of(), "", Map.of(), false, out);
            }
        }
        return out;
    }

    /** The class and its {@code @Entity}/{@code @MappedSuperclass} ancestors, top first. */
    private static List<Class<?>> persistentHierarchy(Class<?> type) {
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c == type || Jpa.has(c, "Entity") || Jpa.has(c, "MappedSuperclass") || Jpa.has(c, "Embeddable")) {
                chain.addFirst(c);
            }
        }
        return new ArrayList<>(chain);
    }

    private static void collect(Class<?> owner, Field f, List<Field> parents, String prefix, Map<String, Annotation> overrides,
                                boolean inId, List<Attribute> out) {
        int mod = f.getModifiers();
        if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
            return;
        }
        Method getter = getter(owner, f);
        for (String skip : SKIPPED) {
            if (mapped(f, getter, skip) != null) {
                return;
            }
        }
        List<Field> path = new ArrayList<>(parents);
        path.add(f);
        String property = prefix + f.getName();
        boolean id = inId || mapped(f, getter, "Id") != null;
        boolean embeddedId = mapped(f, getter, "EmbeddedId") != null;
        if (embeddedId || mapped(f, getter, "Embedded") != null || Jpa.has(f.getType(), "Embeddable")) {
            Map<String, Annotation> nested = new HashMap<>();
            for (Annotation o : overrides(f, getter)) {
                nested.put(Jpa.text(o, "name"), (Annotation) Jpa.attr(o, "column"));
            }
            // Overrides given further out win, addressed by the dotted path below this field.
            overrides.forEach((name, column) -> {
                if (name.startsWith(f.getName() + ".")) {
                    nested.put(name.substring(f.getName().length() + 1), column);
                }
            });
            for (Class<?> c : persistentHierarchy(f.getType())) {
                for (Field inner : c.getDeclaredFields()) {
                    collect(c, inner, path, property + ".", nested, id || embeddedId, out);
                }
            }
            return;
        }
        Annotation manyToOne = mapped(f, getter, "ManyToOne");
        Annotation oneToOne = mapped(f, getter, "OneToOne");
        if (manyToOne != null || oneToOne != null) {
            if (oneToOne != null && Jpa.text(oneToOne, "mappedBy") != null) {
                return; // the other side owns the foreign key
            }
            association(f, getter, path, property, id, out);
            return;
        }
        Annotation column = overrides.containsKey(f.getName()) ? overrides.get(f.getName()) : mapped(f, getter, "Column");
        String enumType = Jpa.enumName(mapped(f, getter, "Enumerated"), "value");
        Annotation convert = mapped(f, getter, "Convert");
        Class<?> converter = convert == null || Jpa.flag(convert, "disableConversion") ? null : (Class<?>) Jpa.attr(convert, "converter");
        if (converter != null && converter == void.class) {
            converter = null;
        }
        out.add(new Attribute(path, property, Naming.candidates(Jpa.text(column, "name"), f.getName()), id,
                Jpa.flag(column, "unique"), !"STRING".equals(enumType), Jpa.enumName(mapped(f, getter, "Temporal"), "value"),
                converter, null));
    }

    private static void association(Field f, Method getter, List<Field> path, String property, boolean id, List<Attribute> out) {
        Class<?> target = f.getType();
        List<Annotation> joins = Jpa.repeated(f, "JoinColumn", "JoinColumns");
        if (joins.isEmpty() && getter != null) {
            joins = Jpa.repeated(getter, "JoinColumn", "JoinColumns");
        }
        if (joins.size() > 1) {
            LOG.warn("{}.{}: composite foreign keys are not checked; the association is left unset", f.getDeclaringClass().getName(),
                    f.getName());
            return;
        }
        Annotation join = joins.isEmpty() ? null : joins.get(0);
        String referenced = Jpa.text(join, "referencedColumnName");
        Field targetField = referenced == null ? singleId(target) : fieldOfColumn(target, referenced);
        if (targetField == null) {
            LOG.warn("{}.{}: the referenced key of {} is composite or unknown; the association is left unset",
                    f.getDeclaringClass().getName(), f.getName(), target.getName());
            return;
        }
        List<String> referencedColumn = referenced != null ? Naming.candidates(referenced, null) : columnOf(targetField);
        String implicit = f.getName() + "_" + referencedColumn.get(0);
        out.add(new Attribute(path, property, Naming.candidates(Jpa.text(join, "name"), implicit), id, Jpa.flag(join, "unique"),
                true, null, null, new Attribute.Reference(target, targetField, referencedColumn)));
    }

    /** The target's single {@code @Id} field, or null when its id is composite. */
    private static Field singleId(Class<?> target) {
        Field found = null;
        for (Class<?> c : persistentHierarchy(target)) {
            for (Field f : c.getDeclaredFields()) {
                Method g = getter(c, f);
                if (mapped(f, g, "EmbeddedId") != null) {
                    return null;
                }
                if (mapped(f, g, "Id") != null) {
                    if (found != null) {
                        return null;
                    }
                    found = f;
                }
            }
        }
        return found;
    }

    private static Field fieldOfColumn(Class<?> target, String column) {
        for (Attribute a : attributes(target)) {
            if (a.path().size() == 1 && a.reference() == null && a.columnNames().stream().anyMatch(n -> n.equalsIgnoreCase(column))) {
                return a.field();
            }
        }
        return null;
    }

    private static List<String> columnOf(Field f) {
        return Naming.candidates(Jpa.text(mapped(f, getter(f.getDeclaringClass(), f), "Column"), "name"), f.getName());
    }

    private static List<Annotation> overrides(Field f, Method getter) {
        List<Annotation> out = new ArrayList<>(Jpa.repeated(f, "AttributeOverride", "AttributeOverrides"));
        if (out.isEmpty() && getter != null) {
            out.addAll(Jpa.repeated(getter, "AttributeOverride", "AttributeOverrides"));
        }
        return out;
    }

    /** A mapping annotation on the field, or on its getter (property access). */
    private static Annotation mapped(Field f, Method getter, String name) {
        Annotation a = Jpa.find(f, name);
        return a != null ? a : Jpa.find(getter, name);
    }

    private static Method getter(Class<?> owner, Field f) {
        String cap = Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
        for (String prefix : new String[] {"get", "is"}) {
            try {
                return owner.getDeclaredMethod(prefix + cap);
            } catch (NoSuchMethodException | NoClassDefFoundError e) {
                // no such getter: the field's own annotations decide
            }
        }
        return null;
    }
}
