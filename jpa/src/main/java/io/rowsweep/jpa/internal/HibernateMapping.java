package io.rowsweep.jpa.internal;

import io.rowsweep.core.RowSweepException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.JoinedSubclass;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.SimpleValue;
import org.hibernate.mapping.Subclass;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.ToOne;
import org.hibernate.mapping.UnionSubclass;
import org.hibernate.mapping.UniqueKey;
import org.hibernate.mapping.Value;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities' mapping as Hibernate ORM derives it: tables, columns, inheritance (single table,
 * joined, table per class), embeddables (records too), converters, secondary tables and the
 * naming strategy all come from Hibernate's boot metamodel, built without a database connection.
 * What rowsweep adds is only how to read it: which field each column goes in.
 *
 * <p>An entity Hibernate refuses, or that cannot be read, is skipped with the reason; the others
 * are mapped all the same.
 */
public final class HibernateMapping {

    /** Spring Boot's naming: {@code CamelCaseToUnderscoresNamingStrategy} and Spring's implicit join table names. */
    public static final String SPRING_NAMING = "spring";
    /** Hibernate's own defaults (JPA's rules: names as written), as in a Jakarta EE server. */
    public static final String JPA_NAMING = "jpa";

    private HibernateMapping() {
    }

    /**
     * What {@link #map} found.
     *
     * @param tables  one mapping per table to validate
     * @param skipped entities that are not validated, with the reason
     */
    public record Result(List<TableMapping> tables, List<SkippedEntity> skipped) {
        public Result {
            tables = List.copyOf(tables);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * An entity that is not validated.
     *
     * @param table its table as Hibernate names it, or null when Hibernate could not map it
     */
    public record SkippedEntity(String entity, String table, String reason) {
    }

    /**
     * Maps {@code entities} (and, for Hibernate's sake, the entities they refer to).
     *
     * @param loader           the application's class loader
     * @param converters       {@code @Converter} classes found beside the entities (auto-applied ones among them)
     * @param naming           {@link #SPRING_NAMING}, {@link #JPA_NAMING} or a {@code PhysicalNamingStrategy} class name
     * @param hibernateDialect the database product Hibernate picks its dialect for ({@link #hibernateDialect(String)})
     */
    public static Result map(List<Class<?>> entities, List<Class<?>> converters, ClassLoader loader, String naming,
                             String hibernateDialect) {
        return map(entities, converters, loader, naming, hibernateDialect, MappingCache.standard());
    }

    /** As {@link #map(List, List, ClassLoader, String, String)}, kept in {@code cache} for the next run over the same classes. */
    static Result map(List<Class<?>> entities, List<Class<?>> converters, ClassLoader loader, String naming, String hibernateDialect,
                      MappingCache cache) {
        String key = MappingCache.key(entities, converters, naming == null ? SPRING_NAMING : naming, hibernateDialect);
        Result cached = cache.load(key, loader);
        if (cached != null) {
            return cached;
        }
        List<SkippedEntity> skipped = new ArrayList<>();
        Result result;
        try (Built built = build(entities, converters, loader, naming, hibernateDialect, skipped)) {
            result = read(built == null ? null : built.metadata(), entities, skipped);
        }
        if (result.skipped().isEmpty()) { // a refusal may come from the class path, which the cache does not compare
            List<Class<?>> inputs = new ArrayList<>(closure(entities));
            inputs.addAll(converters);
            if (naming != null && !naming.equalsIgnoreCase(SPRING_NAMING) && !naming.equalsIgnoreCase(JPA_NAMING)) {
                try {
                    inputs.add(Class.forName(naming, false, loader));
                } catch (ClassNotFoundException e) {
                    return result;
                }
            }
            cache.store(key, result, inputs, loader);
        }
        return result;
    }

    private static Result read(Metadata metadata, List<Class<?>> entities, List<SkippedEntity> skipped) {
        Set<Class<?>> wanted = new LinkedHashSet<>(entities);
        skipped.forEach(s -> wanted.removeIf(c -> c.getName().equals(s.entity())));
        List<TableMapping> tables = new ArrayList<>();
        if (metadata != null) {
            Map<PersistentClass, List<PersistentClass>> byTableOwner = new LinkedHashMap<>();
            List<PersistentClass> bindings = new ArrayList<>(metadata.getEntityBindings());
            bindings.sort(Comparator.comparingInt(HibernateMapping::depth));
            for (Class<?> c : wanted) {
                PersistentClass pc = bindings.stream().filter(b -> b.getMappedClass() == c).findFirst().orElse(null);
                if (pc == null) {
                    skipped.add(new SkippedEntity(c.getName(), null, legacy(c) ? "mapped with javax.persistence (JPA 2, Java EE 8,"
                            + " Spring Boot 2), which Hibernate ORM 7 does not read: rowsweep maps Jakarta Persistence entities;"
                            + " validate its table with a rules file" : "Hibernate did not map it as an entity"));
                } else if (pc.isAbstract() != null && pc.isAbstract() || Modifier.isAbstract(c.getModifiers())) {
                    if (!hasConcreteSubclass(pc, wanted)) {
                        skipped.add(new SkippedEntity(pc.getEntityName(), pc.getTable().getName(), "abstract, and none of its concrete"
                                + " subclasses was given"));
                    }
                } else {
                    byTableOwner.computeIfAbsent(tableOwner(pc), k -> new ArrayList<>()).add(pc);
                }
            }
            byTableOwner.forEach((owner, members) -> {
                try {
                    tables.add(table(metadata, owner, members, skipped));
                } catch (RowSweepException e) {
                    members.forEach(m -> skipped.add(new SkippedEntity(m.getEntityName(), owner.getTable().getName(), e.getMessage())));
                }
            });
        }
        return new Result(tables, skipped);
    }

    /** The database product Hibernate picks its dialect for, by a rowsweep dialect's name. */
    public static String hibernateDialect(String rowsweepDialect) {
        switch (rowsweepDialect.toLowerCase(java.util.Locale.ROOT)) {
            case "mariadb":
                return "MariaDB";
            case "mysql":
                return "MySQL";
            case "h2":
                return "H2";
            default:
                return "PostgreSQL";
        }
    }

    private static int depth(PersistentClass pc) {
        int d = 0;
        for (PersistentClass p = pc; p.getSuperclass() != null; p = p.getSuperclass()) {
            d++;
        }
        return d;
    }

    private static boolean hasConcreteSubclass(PersistentClass pc, Set<Class<?>> wanted) {
        for (Subclass s : pc.getSubclasses()) {
            if (wanted.contains(s.getMappedClass()) && !Modifier.isAbstract(s.getMappedClass().getModifiers())) {
                return true;
            }
        }
        return false;
    }

    /** The class whose table holds {@code pc}'s rows with its key: the root, or itself with TABLE_PER_CLASS. */
    private static PersistentClass tableOwner(PersistentClass pc) {
        return pc instanceof UnionSubclass ? pc : pc.getRootClass();
    }

    // --- building the metamodel ----------------------------------------------------------------

    /** A metamodel and the registry it needs while it is read. */
    private record Built(Metadata metadata, StandardServiceRegistry registry) implements AutoCloseable {
        @Override
        public void close() {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static Built build(List<Class<?>> entities, List<Class<?>> converters, ClassLoader loader, String naming,
                                  String dialect, List<SkippedEntity> skipped) {
        try {
            return metadata(closure(entities), converters, loader, naming, dialect);
        } catch (RowSweepException e) {
            throw e;
        } catch (RuntimeException | LinkageError all) {
            // Find the entities Hibernate refuses, one by one, and map the others without them.
            List<Class<?>> fine = new ArrayList<>();
            for (Class<?> c : entities) {
                try {
                    metadata(closure(List.of(c)), converters, loader, naming, dialect).close();
                    fine.add(c);
                } catch (RowSweepException e) {
                    throw e;
                } catch (RuntimeException | LinkageError e) {
                    skipped.add(new SkippedEntity(c.getName(), null, "Hibernate ORM refuses its mapping: " + describe(e)));
                }
            }
            if (fine.isEmpty()) {
                return null;
            }
            try {
                return metadata(closure(fine), converters, loader, naming, dialect);
            } catch (RuntimeException | LinkageError e) {
                fine.forEach(c -> skipped.add(new SkippedEntity(c.getName(), null, "Hibernate ORM refuses the mapping: " + describe(e))));
                return null;
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return e instanceof LinkageError ? e + " (a class it needs is missing from the class path)" : message;
    }

    private static Built metadata(Set<Class<?>> classes, List<Class<?>> converters, ClassLoader loader, String naming, String dialect) {
        BootstrapServiceRegistry boot = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder(boot)
                .applySetting("jakarta.persistence.database-product-name", dialect)
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
                .applySetting("hibernate.xml_mapping_enabled", "false")
                .applySetting("jakarta.persistence.validation.mode", "none");
        applyNaming(settings, naming, loader);
        StandardServiceRegistry registry = settings.build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            converters.forEach(sources::addAnnotatedClass);
            return new Built(sources.buildMetadata(), registry);
        } catch (RuntimeException | LinkageError e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    private static void applyNaming(StandardServiceRegistryBuilder settings, String naming, ClassLoader loader) {
        if (naming == null || naming.equalsIgnoreCase(SPRING_NAMING)) {
            settings.applySetting("hibernate.physical_naming_strategy", new CamelCaseToUnderscoresNamingStrategy());
            settings.applySetting("hibernate.implicit_naming_strategy", new SpringImplicitNamingStrategy());
        } else if (naming.equalsIgnoreCase(JPA_NAMING)) {
            settings.applySetting("hibernate.physical_naming_strategy", PhysicalNamingStrategyStandardImpl.INSTANCE);
            settings.applySetting("hibernate.implicit_naming_strategy", ImplicitNamingStrategyJpaCompliantImpl.INSTANCE);
        } else {
            try {
                Object strategy = Class.forName(naming, true, loader).getDeclaredConstructor().newInstance();
                settings.applySetting("hibernate.physical_naming_strategy", strategy);
                settings.applySetting("hibernate.implicit_naming_strategy", new SpringImplicitNamingStrategy());
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                throw RowSweepException.configuration("Naming strategy '" + naming + "' cannot be used: " + e + ". Give '"
                        + SPRING_NAMING + "' (Spring Boot's), '" + JPA_NAMING + "' (Hibernate's defaults) or the class name of a"
                        + " PhysicalNamingStrategy on the class path, with a constructor without arguments.");
            }
        }
    }

    /**
     * Spring Boot's implicit naming: JPA's, but a join table is named after the owning table and
     * the attribute ({@code order_lines}), not the two entities.
     */
    static final class SpringImplicitNamingStrategy extends ImplicitNamingStrategyJpaCompliantImpl {
        private static final long serialVersionUID = 1L;

        @Override
        public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
            String name = source.getOwningPhysicalTableName() + "_" + source.getAssociationOwningAttributePath().getProperty();
            return toIdentifier(name, source.getBuildingContext());
        }
    }

    /** The entities and every entity class they refer to or inherit from: Hibernate needs each association's target. */
    static Set<Class<?>> closure(List<Class<?>> entities) {
        Set<Class<?>> out = new LinkedHashSet<>();
        Set<Class<?>> seen = new java.util.HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(entities);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c == null || c == Object.class || c.isPrimitive() || c.isArray() || !seen.add(c) || c.getName().startsWith("java.")) {
                continue;
            }
            if (isEntity(c)) {
                out.add(c);
            }
            if (!isEntity(c) && !c.isAnnotationPresent(jakarta.persistence.MappedSuperclass.class)
                    && !c.isAnnotationPresent(jakarta.persistence.Embeddable.class) && !entities.contains(c)) {
                continue;
            }
            todo.add(c.getSuperclass());
            try {
                for (Field f : c.getDeclaredFields()) {
                    referenced(f.getGenericType(), todo);
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getParameterCount() == 0 && (m.getName().startsWith("get") || m.getName().startsWith("is"))) {
                        referenced(m.getGenericReturnType(), todo);
                    }
                }
            } catch (LinkageError e) {
                // a type its fields need is missing: Hibernate reports it with the entity
            }
        }
        return out;
    }

    private static boolean legacy(Class<?> c) {
        for (java.lang.annotation.Annotation a : c.getAnnotations()) {
            if (a.annotationType().getName().equals("javax.persistence.Entity")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEntity(Class<?> c) {
        return c.isAnnotationPresent(jakarta.persistence.Entity.class);
    }

    private static void referenced(Type t, Deque<Class<?>> todo) {
        if (t instanceof Class<?> c) {
            todo.add(c);
        } else if (t instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                referenced(a, todo);
            }
        }
    }

    // --- reading the metamodel -------------------------------------------------------------------

    private static TableMapping table(Metadata metadata, PersistentClass owner, List<PersistentClass> members, List<SkippedEntity> skipped) {
        Table table = owner.getTable();
        List<String> keyColumns = names(owner.getKey().getSelectables(), owner.getEntityName());
        Map<String, TableMapping.JoinedTable> joins = new LinkedHashMap<>();
        String discriminatorColumn = null;
        boolean joined = members.stream().anyMatch(m -> m instanceof JoinedSubclass);
        if (owner.getDiscriminator() != null && !(owner instanceof UnionSubclass)) {
            Value d = owner.getDiscriminator();
            if (d.getSelectables().size() != 1 || d.getSelectables().get(0).isFormula()) {
                throw RowSweepException.configuration("its discriminator is a formula, which rowsweep cannot read");
            }
            discriminatorColumn = ((Column) d.getSelectables().get(0)).getName();
        }
        List<EntityType> types = new ArrayList<>();
        for (PersistentClass pc : members) {
            for (PersistentClass p = pc; p != null && p != owner; p = p.getSuperclass()) {
                if (p instanceof JoinedSubclass) {
                    joins.putIfAbsent(p.getTable().getName(), joinedTable(p.getTable(), p.getKey().getSelectables(), p.getEntityName()));
                }
            }
            for (org.hibernate.mapping.Join j : pc.getJoinClosure()) {
                joins.putIfAbsent(j.getTable().getName(), joinedTable(j.getTable(), j.getKey().getSelectables(), pc.getEntityName()));
            }
            try {
                types.add(type(metadata, pc, discriminatorColumn != null || !joined ? null : pc.getTable().getName(),
                        discriminatorColumn != null));
            } catch (RowSweepException e) {
                skipped.add(new SkippedEntity(pc.getEntityName(), table.getName(), e.getMessage()));
            }
        }
        if (types.isEmpty()) {
            throw RowSweepException.configuration("none of its entities can be read");
        }
        List<List<String>> uniques = new ArrayList<>();
        for (UniqueKey k : table.getUniqueKeys().values()) {
            uniques.add(k.getColumns().stream().map(Column::getName).toList());
        }
        return new TableMapping(owner.getMappedClass(), owner.getJpaEntityName(), namespace(table), table.getName(), keyColumns,
                new ArrayList<>(joins.values()), types, discriminatorColumn, uniques);
    }

    private static TableMapping.JoinedTable joinedTable(Table t, List<Selectable> key, String entity) {
        return new TableMapping.JoinedTable(namespace(t), t.getName(), names(key, entity));
    }

    private static String namespace(Table t) {
        return t.getSchema() != null ? t.getSchema() : t.getCatalog();
    }

    private static List<String> names(List<Selectable> selectables, String entity) {
        List<String> out = new ArrayList<>();
        for (Selectable s : selectables) {
            if (s.isFormula()) {
                throw RowSweepException.configuration("Entity " + entity + ": its key is a formula, which rowsweep cannot read");
            }
            out.add(((Column) s).getName());
        }
        return out;
    }

    private static EntityType type(Metadata metadata, PersistentClass pc, String ownTable, boolean discriminated) {
        Class<?> type = pc.getMappedClass();
        List<Attribute> attributes = new ArrayList<>();
        List<SkippedProperty> skipped = new ArrayList<>();
        // With TABLE_PER_CLASS, the inherited columns are the concrete class's table's own.
        Map<String, String> tables = new HashMap<>();
        if (pc instanceof UnionSubclass) {
            for (PersistentClass p = pc.getSuperclass(); p != null; p = p.getSuperclass()) {
                tables.put(p.getTable().getName(), pc.getTable().getName());
            }
        }
        Reader reader = new Reader(metadata, attributes, skipped, tables);
        if (pc.hasIdentifierProperty()) {
            reader.property(type, pc.getIdentifierProperty(), List.of(), "", true);
        } else if (pc.getIdentifierMapper() != null) {
            for (Property p : pc.getIdentifierMapper().getProperties()) {
                reader.property(type, p, List.of(), "", true);
            }
        }
        for (Property p : pc.getPropertyClosure()) {
            if (pc.getIdentifierMapper() != null && p.getValue() == pc.getIdentifierMapper()) {
                continue;
            }
            reader.property(type, p, List.of(), "", false);
        }
        String discriminator = discriminated ? pc.getDiscriminatorValue() : null;
        return new EntityType(type, pc.getJpaEntityName(), discriminator, ownTable, attributes, skipped);
    }

    /** Turns Hibernate properties into attributes, recursively through embeddables. */
    private record Reader(Metadata metadata, List<Attribute> attributes, List<SkippedProperty> skipped, Map<String, String> tables) {

        private String table(Value v) {
            String t = v.getTable().getName();
            return tables.getOrDefault(t, t);
        }

        void property(Class<?> holder, Property p, List<Field> parents, String prefix, boolean id) {
            String property = prefix + p.getName();
            Value v = p.getValue();
            if (v instanceof Collection c) {
                skipped.add(new SkippedProperty(holder, property, p.getName(), "collection (rows of "
                        + (c.getCollectionTable() != null ? "table " + c.getCollectionTable().getName() : "another table")
                        + "), not loaded"));
                return;
            }
            Field field = field(holder, p.getName());
            if (field == null) {
                skipped.add(new SkippedProperty(holder, property, p.getName(), "no field of that name (property access), not read"));
                return;
            }
            List<Field> path = new ArrayList<>(parents);
            path.add(field);
            if (v instanceof Component c) {
                int before = attributes.size();
                Class<?> embeddable = c.getComponentClass();
                for (Property inner : c.getProperties()) {
                    property(embeddable, inner, path, property + ".", id);
                }
                if (attributes.size() == before) {
                    attributes.add(Attribute.emptyEmbedded(path, property));
                }
                return;
            }
            if (v instanceof ToOne toOne) {
                association(holder, p, toOne, path, property, id);
                return;
            }
            if (!(v instanceof SimpleValue) || v.getSelectables().size() != 1) {
                skipped.add(new SkippedProperty(holder, property, p.getName(), v.getClass().getSimpleName() + " mapping, not read"));
                return;
            }
            Selectable s = v.getSelectables().get(0);
            if (s.isFormula()) {
                skipped.add(new SkippedProperty(holder, property, p.getName(), "computed by an SQL formula, not read"));
                return;
            }
            Column column = (Column) s;
            boolean ordinal = true;
            String temporal = null;
            Class<?> converter = null;
            if (v instanceof BasicValue b) {
                ordinal = b.getEnumerationStyle() != jakarta.persistence.EnumType.STRING;
                temporal = b.getTemporalPrecision() == null ? null : b.getTemporalPrecision().name();
                converter = b.getJpaAttributeConverterDescriptor() == null ? null
                        : b.getJpaAttributeConverterDescriptor().getAttributeConverterClass();
            }
            attributes.add(new Attribute(path, property, table(v), column.getName(), id, column.isUnique(), ordinal,
                    temporal, converter, null));
        }

        private void association(Class<?> holder, Property p, ToOne toOne, List<Field> path, String property, boolean id) {
            List<Selectable> columns = toOne.getSelectables();
            if (columns.isEmpty()) {
                skipped.add(new SkippedProperty(holder, property, p.getName(), "association whose key the other side holds, not loaded"));
                return;
            }
            if (columns.size() > 1 || columns.get(0).isFormula()) {
                skipped.add(new SkippedProperty(holder, property, p.getName(), "association with a composite foreign key, not loaded"));
                return;
            }
            PersistentClass target = metadata.getEntityBinding(toOne.getReferencedEntityName());
            Property targetProperty = toOne.getReferencedPropertyName() != null
                    ? target.getReferencedProperty(toOne.getReferencedPropertyName())
                    : target.hasIdentifierProperty() ? target.getIdentifierProperty() : null;
            Field targetField = targetProperty == null ? null : field(target.getMappedClass(), targetProperty.getName());
            if (targetField == null || targetProperty.getValue().getSelectables().size() != 1
                    || targetProperty.getValue().getSelectables().get(0).isFormula()) {
                skipped.add(new SkippedProperty(holder, property, p.getName(), "association to the composite key of "
                        + target.getEntityName() + ", not loaded"));
                return;
            }
            Column referenced = (Column) targetProperty.getValue().getSelectables().get(0);
            Column column = (Column) columns.get(0);
            Table targetTable = referenced.getValue() != null && referenced.getValue().getTable() != null
                    ? referenced.getValue().getTable() : target.getTable();
            String targetLabel = namespace(targetTable) == null ? targetTable.getName() : namespace(targetTable) + "." + targetTable.getName();
            attributes.add(new Attribute(path, property, table(toOne), column.getName(), id, column.isUnique(), true,
                    null, null, new Attribute.Reference(target.getMappedClass(), targetField, target.getJpaEntityName(), targetLabel,
                    referenced.getName())));
        }
    }

    /** The field {@code name} of {@code type} or a superclass, or null. */
    static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }
}
