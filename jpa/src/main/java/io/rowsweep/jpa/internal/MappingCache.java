package io.rowsweep.jpa.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@link HibernateMapping}'s result on disk, so that a run over unchanged entity classes
 * does not build Hibernate ORM's metamodel again (in a fresh JVM that costs about a second of
 * CPU). An entry is used only when every class it was derived from has the same bytes as then:
 * the entities, their superclasses, the types of their fields (embeddables, converters, enums),
 * transitively, and rowsweep's own mapping code; the entity and converter names, the naming and
 * the database product are its key. Anything unreadable is a miss, never an error.
 */
final class MappingCache {

    private static final Logger LOG = LoggerFactory.getLogger(MappingCache.class);
    private static final int FORMAT = 1;

    private final Path dir;

    MappingCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in the system's temporary folder. */
    static MappingCache standard() {
        return new MappingCache(Path.of(System.getProperty("java.io.tmpdir"), "rowsweep-mappings"));
    }

    /** The entry's name for these inputs. */
    static String key(List<Class<?>> entities, List<Class<?>> converters, String naming, String product) {
        StringBuilder b = new StringBuilder().append(FORMAT).append('|').append(naming).append('|').append(product).append('|')
                .append(org.hibernate.Version.getVersionString());
        entities.forEach(c -> b.append('|').append(c.getName()));
        b.append("|converters");
        converters.forEach(c -> b.append('|').append(c.getName()));
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cached result, or null when there is none or a class it was derived from has changed. */
    HibernateMapping.Result load(String key, ClassLoader loader) {
        Path file = dir.resolve(key + ".bin");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT) {
                return null;
            }
            int classes = in.readInt();
            for (int i = 0; i < classes; i++) {
                String name = in.readUTF();
                String hash = in.readUTF();
                if (!hash.equals(hash(name, loader))) {
                    return null;
                }
            }
            HibernateMapping.Result result = new Reader(in, loader).result();
            LOG.debug("mapping read from {}: none of the {} classes it came from has changed", file, classes);
            return result;
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("mapping cache entry {} not used: {}", file, e.toString());
            return null;
        }
    }

    /** Keeps {@code result}, derived from {@code entities} (and what they reach) by {@code loader}'s classes. */
    void store(String key, HibernateMapping.Result result, Collection<Class<?>> entities, ClassLoader loader) {
        try {
            Map<String, String> hashes = new LinkedHashMap<>();
            hashes.put(HibernateMapping.class.getName(), hash(HibernateMapping.class.getName(), HibernateMapping.class.getClassLoader()));
            for (Class<?> c : dependencies(entities)) {
                String h = hash(c.getName(), loader);
                if (h == null) {
                    return; // a class without bytes to compare: never cached
                }
                hashes.put(c.getName(), h);
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(FORMAT);
                out.writeInt(hashes.size());
                for (Map.Entry<String, String> e : hashes.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
                new Writer(out).result(result);
            }
            Files.move(tmp, dir.resolve(key + ".bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.debug("mapping not cached in {}: {}", dir, e.toString());
        }
    }

    /** The classes the mapping may depend on: the entities, their superclasses and field types, transitively (not the JDK's, nor the APIs'). */
    static List<Class<?>> dependencies(Collection<Class<?>> entities) {
        List<Class<?>> out = new ArrayList<>();
        Deque<Type> todo = new ArrayDeque<>(entities);
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Type t = todo.poll();
            if (t instanceof ParameterizedType p) {
                todo.addAll(List.of(p.getActualTypeArguments()));
                todo.add(p.getRawType());
                continue;
            }
            if (!(t instanceof Class<?> c) || c.isPrimitive() || !seen.add(c)) {
                continue;
            }
            if (c.isArray()) {
                todo.add(c.getComponentType());
                continue;
            }
            String n = c.getName();
            if (c.getClassLoader() == null || n.startsWith("java.") || n.startsWith("jakarta.") || n.startsWith("javax.")) {
                continue;
            }
            out.add(c);
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            for (Field f : c.getDeclaredFields()) {
                todo.add(f.getGenericType());
            }
            if (c.getDeclaringClass() != null) {
                todo.add(c.getDeclaringClass());
            }
        }
        return out;
    }

    private static String hash(String className, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? null : sha256(in.readAllBytes());
        } catch (IOException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a result; {@link Reader} reads it back in the same order. */
    private record Writer(DataOutputStream out) {

        void result(HibernateMapping.Result r) throws IOException {
            out.writeInt(r.tables().size());
            for (TableMapping t : r.tables()) {
                table(t);
            }
            out.writeInt(r.skipped().size());
            for (HibernateMapping.SkippedEntity s : r.skipped()) {
                text(s.entity());
                text(s.table());
                text(s.reason());
            }
        }

        private void table(TableMapping t) throws IOException {
            text(t.root().getName());
            text(t.entityName());
            text(t.schema());
            text(t.table());
            texts(t.keyColumns());
            out.writeInt(t.joins().size());
            for (TableMapping.JoinedTable j : t.joins()) {
                text(j.schema());
                text(j.table());
                texts(j.keyColumns());
            }
            out.writeInt(t.types().size());
            for (EntityType e : t.types()) {
                type(e);
            }
            text(t.discriminatorColumn());
            out.writeInt(t.uniqueConstraints().size());
            for (List<String> u : t.uniqueConstraints()) {
                texts(u);
            }
        }

        private void type(EntityType e) throws IOException {
            text(e.type().getName());
            text(e.entityName());
            text(e.discriminator());
            text(e.ownTable());
            out.writeInt(e.attributes().size());
            for (Attribute a : e.attributes()) {
                out.writeInt(a.path().size());
                for (Field f : a.path()) {
                    field(f);
                }
                text(a.property());
                text(a.table());
                text(a.column());
                out.writeBoolean(a.id());
                out.writeBoolean(a.unique());
                out.writeBoolean(a.enumOrdinal());
                text(a.temporal());
                text(a.converter() == null ? null : a.converter().getName());
                Attribute.Reference ref = a.reference();
                out.writeBoolean(ref != null);
                if (ref != null) {
                    text(ref.target().getName());
                    field(ref.targetField());
                    text(ref.targetEntity());
                    text(ref.targetTable());
                    text(ref.referencedColumn());
                }
            }
            out.writeInt(e.skipped().size());
            for (SkippedProperty p : e.skipped()) {
                text(p.holder().getName());
                text(p.property());
                text(p.name());
                text(p.reason());
            }
        }

        private void field(Field f) throws IOException {
            text(f.getDeclaringClass().getName());
            text(f.getName());
        }

        private void texts(List<String> values) throws IOException {
            out.writeInt(values.size());
            for (String v : values) {
                text(v);
            }
        }

        private void text(String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }
    }

    private record Reader(DataInputStream in, ClassLoader loader) {

        HibernateMapping.Result result() throws IOException, ReflectiveOperationException {
            List<TableMapping> tables = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                tables.add(table());
            }
            List<HibernateMapping.SkippedEntity> skipped = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                skipped.add(new HibernateMapping.SkippedEntity(text(), text(), text()));
            }
            return new HibernateMapping.Result(tables, skipped);
        }

        private TableMapping table() throws IOException, ReflectiveOperationException {
            Class<?> root = type(text());
            String entityName = text();
            String schema = text();
            String table = text();
            List<String> keyColumns = texts();
            List<TableMapping.JoinedTable> joins = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                joins.add(new TableMapping.JoinedTable(text(), text(), texts()));
            }
            List<EntityType> types = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                types.add(entityType());
            }
            String discriminator = text();
            List<List<String>> uniques = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                uniques.add(texts());
            }
            return new TableMapping(root, entityName, schema, table, keyColumns, joins, types, discriminator, uniques);
        }

        private EntityType entityType() throws IOException, ReflectiveOperationException {
            Class<?> type = type(text());
            String entityName = text();
            String discriminator = text();
            String ownTable = text();
            List<Attribute> attributes = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                List<Field> path = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    path.add(field());
                }
                String property = text();
                String table = text();
                String column = text();
                boolean id = in.readBoolean();
                boolean unique = in.readBoolean();
                boolean ordinal = in.readBoolean();
                String temporal = text();
                String converter = text();
                Attribute.Reference ref = null;
                if (in.readBoolean()) {
                    ref = new Attribute.Reference(type(text()), field(), text(), text(), text());
                }
                attributes.add(new Attribute(path, property, table, column, id, unique, ordinal, temporal,
                        converter == null ? null : type(converter), ref));
            }
            List<SkippedProperty> skipped = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                skipped.add(new SkippedProperty(type(text()), text(), text(), text()));
            }
            return new EntityType(type, entityName, discriminator, ownTable, attributes, skipped);
        }

        private Field field() throws IOException, ReflectiveOperationException {
            return type(text()).getDeclaredField(text());
        }

        private Class<?> type(String name) throws ClassNotFoundException {
            return Class.forName(name, false, loader);
        }

        private List<String> texts() throws IOException {
            List<String> out = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                out.add(text());
            }
            return out;
        }

        private String text() throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    }
}
