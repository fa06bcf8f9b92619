package io.rowsweep.validation.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.jpa.EntityClasses;
import io.rowsweep.jpa.internal.Attribute;
import io.rowsweep.jpa.internal.EntityType;
import io.rowsweep.jpa.internal.HibernateMapping;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.validation.Coverage;
import io.rowsweep.validation.ViolationFormat;
import jakarta.validation.ValidatorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Turns a validation's configuration into a {@link ValidateJob}: reads the rules, finds the
 * tables they apply to in the database (so a missing table is reported naming the rules file or
 * the entity), and keeps the tables asked for. Reads only; nothing is written.
 */
public final class JobPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(JobPlanner.class);

    private JobPlanner() {
    }

    public static ValidateJob forRules(DataSource dataSource, RulesFile rules, List<String> only, Path out, ViolationFormat format) {
        Map<String, TableRules> byLabel = new LinkedHashMap<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        withResolver(dataSource, (resolver, dialect) -> {
            for (TableRules t : rules.tables()) {
                if (selected(only, t.table(), t.table())) {
                    try {
                        tables.put(t.table(), resolver.resolve(t.table()));
                    } catch (RowSweepException e) {
                        throw new RowSweepException(e.code(), "Rules file " + rules.path() + ", table '" + t.table() + "': " + e.getMessage());
                    }
                    byLabel.put(t.table(), t);
                }
            }
        });
        checkSelection(only, byLabel.keySet(), rules.tables().stream().map(TableRules::table).toList(),
                "the rules file " + rules.path() + " has rules for");
        ValidateJob job = new ValidateJob(new FileRules(rules, byLabel), List.copyOf(byLabel.keySet()), out, format);
        tables.forEach(job::resolvedAs);
        job.coverage(rules.tables().stream().map(t -> new Coverage(t.table(), tables.containsKey(t.table())
                ? tables.get(t.table()).label() : t.table(), byLabel.containsKey(t.table()) ? Coverage.CHECKED : Coverage.NOT_SELECTED,
                null, List.copyOf(t.columns().keySet()), List.of())).toList());
        return job;
    }

    /**
     * How entities are read and validated, besides the classes themselves.
     *
     * @param classpath where the entities were loaded from (part of the job's spec, so other
     *                  processes load them alike), or null for rowsweep's own class path
     * @param groups    Bean Validation groups (empty: Default)
     * @param naming    the naming strategy ({@link HibernateMapping#SPRING_NAMING} by default)
     * @param messages  the application's message bundles, looked up before {@code ValidationMessages}
     * @param exclude   entities (class or entity names) and tables not to validate
     */
    public record EntityOptions(String classpath, Class<?>[] groups, String naming, List<String> messages, List<String> exclude) {
        public EntityOptions {
            groups = groups.clone();
            messages = List.copyOf(messages);
            exclude = List.copyOf(exclude);
        }
    }

    /**
     * Maps the entities with Hibernate ORM's boot metamodel, finds their tables, and keeps the
     * tables asked for. An entity that cannot be mapped or read is skipped (with the reason, in
     * {@link ValidateJob#coverage()}), unless its table was asked for with {@code only}; the
     * others are validated all the same.
     *
     * @param out the violations file, or null for the violations table
     */
    public static ValidateJob forEntities(DataSource dataSource, EntityClasses entities, EntityOptions options, List<String> only,
                                          Path out, ViolationFormat format) {
        CompletableFuture<ValidatorFactory> starting = Validators.start(entities.classLoader(), entities.classes(), options.messages());
        ValidateJob job;
        try {
            Map<String, ValidateJob.MappedTable> byLabel = new LinkedHashMap<>();
            List<Coverage> coverage = new ArrayList<>();
            List<String> mapped = new ArrayList<>();
            Map<Class<?>, Set<String>> unloaded = new HashMap<>();
            List<String> warnings = new ArrayList<>();
            withResolver(dataSource, (resolver, dialect) -> {
                long started = System.nanoTime();
                HibernateMapping.Result result = HibernateMapping.map(entities.classes(), entities.converters(), entities.classLoader(),
                        options.naming(), HibernateMapping.hibernateDialect(dialect.name()));
                LOG.debug("Mapped {} entities to {} tables with Hibernate ORM's metamodel ({} naming) in {} ms{}", entities.classes().size(),
                        result.tables().size(), options.naming() == null ? HibernateMapping.SPRING_NAMING : options.naming(),
                        (System.nanoTime() - started) / 1_000_000, result.skipped().isEmpty() ? "" : "; " + result.skipped().size()
                                + " skipped (see the coverage)");
                for (HibernateMapping.SkippedEntity s : result.skipped()) {
                    boolean excluded = excluded(options.exclude(), s.entity(), s.table());
                    if (!excluded) {
                        warnings.add("Entity " + s.entity() + " is not validated: " + s.reason());
                    }
                    coverage.add(new Coverage(s.entity(), s.table(), excluded ? Coverage.EXCLUDED : Coverage.SKIPPED, s.reason(),
                            List.of(), List.of()));
                }
                for (TableMapping m : result.tables()) {
                    TableMapping kept = withoutExcluded(m, options.exclude(), coverage);
                    if (kept == null) {
                        continue;
                    }
                    ValidateJob.MappedTable table;
                    try {
                        table = ValidateJob.MappedTable.resolve(resolver, kept);
                    } catch (RowSweepException e) {
                        if (!only.isEmpty() && selected(only, kept.label(), kept.table())) {
                            throw e;
                        }
                        warnings.add("Table " + kept.label() + " is not validated: " + e.getMessage());
                        kept.types().forEach(t -> coverage.add(new Coverage(t.entityName(), kept.label(), Coverage.SKIPPED,
                                e.getMessage(), List.of(), List.of())));
                        continue;
                    }
                    String label = table.table().label();
                    mapped.add(label);
                    boolean chosen = selected(only, label, table.table().name());
                    for (EntityType t : kept.types()) {
                        coverage.add(new Coverage(t.entityName(), label, chosen ? Coverage.CHECKED : Coverage.NOT_SELECTED, null,
                                t.attributes().stream().map(Attribute::property).toList(),
                                t.skipped().stream().map(p -> p.property() + ": " + p.reason()).toList()));
                        t.skipped().forEach(p -> unloaded.computeIfAbsent(p.holder(), k -> new HashSet<>()).add(p.name()));
                    }
                    if (chosen) {
                        byLabel.put(label, table);
                    }
                }
            });
            if (byLabel.isEmpty() && only.isEmpty()) {
                throw RowSweepException.configuration("No entity can be validated: " + coverage.stream()
                        .filter(c -> !c.checked()).map(c -> c.name() + (c.reason() == null ? " (" + c.status() + ")" : ": " + c.reason()))
                        .collect(Collectors.joining("; ")) + ". Fix the mapping, or name other entities.");
            }
            checkSelection(only, byLabel.keySet(), mapped, "the entities map");
            warnings.forEach(LOG::warn); // the run goes on without them (when nothing is left, the error above says why)
            job = new ValidateJob(new EntityRules(byLabel, starting, options, unloaded), List.copyOf(byLabel.keySet()), out,
                    format);
            byLabel.forEach((label, t) -> job.resolvedAs(label, t.table()));
            job.coverage(coverage);
        } catch (RuntimeException | Error e) {
            Validators.discard(starting);
            throw e;
        }
        job.track(starting);
        return job;
    }

    /** The mapping without the entity classes {@code --exclude} names; null when the table itself or all its classes are excluded. */
    private static TableMapping withoutExcluded(TableMapping m, List<String> exclude, List<Coverage> coverage) {
        List<EntityType> kept = new ArrayList<>();
        for (EntityType t : m.types()) {
            if (excluded(exclude, m.table(), m.label()) || excluded(exclude, t.entityName(), t.type().getName())) {
                coverage.add(new Coverage(t.entityName(), m.label(), Coverage.EXCLUDED, "--exclude", List.of(), List.of()));
            } else {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        return kept.size() == m.types().size() ? m : new TableMapping(m.root(), m.entityName(), m.schema(), m.table(), m.keyColumns(),
                m.joins(), kept, m.discriminatorColumn(), m.uniqueConstraints());
    }

    private static boolean excluded(List<String> exclude, String... names) {
        for (String e : exclude) {
            for (String n : names) {
                if (n != null && (n.equalsIgnoreCase(e) || n.endsWith("." + e))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Bean Validation groups by class name ({@code ,}-separated), loaded with {@code loader} (the entities'). */
    public static Class<?>[] groups(String names, ClassLoader loader) {
        List<Class<?>> resolved = new java.util.ArrayList<>();
        for (String n : names.split(",")) {
            String name = n.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                resolved.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw RowSweepException.configuration("Validation group " + name + " is not on the class path. Give the group"
                        + " interface's fully qualified name, and the jar that has it in --classpath.");
            }
        }
        return resolved.toArray(new Class<?>[0]);
    }

    /**
     * A violations file that cannot be written is a configuration error now, before the job's state
     * is written. Permissions alone do not tell (root may write almost anywhere, but not into
     * {@code /proc}), so the file and its missing folders are created and removed again; an
     * existing file is opened for writing and left as it is.
     */
    public static void checkWritable(Path out) {
        Path file = out.toAbsolutePath().normalize();
        Deque<Path> created = new ArrayDeque<>();
        try {
            if (Files.isDirectory(file)) {
                throw new IOException(file + " is a folder");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a device or a pipe (/dev/null): the file is read back, cut and extended on resume
                throw new IOException(file + " is not a regular file");
            }
            for (Path missing = file.getParent(); missing != null && !Files.exists(missing); missing = missing.getParent()) {
                created.push(missing);
            }
            for (Path folder : created) {
                Files.createDirectory(folder);
            }
            if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    // opened for writing, not changed; refused now when another run writes it (its own lock is taken when the run opens it)
                    ViolationFile.lock(channel, file).release();
                }
            } else {
                Files.createFile(file);
                created.addLast(file);
            }
        } catch (IOException | SecurityException e) {
            throw RowSweepException.configuration("Cannot write the violations file " + file + " (" + describe(e)
                    + "). Choose another place with --out.");
        } finally {
            while (!created.isEmpty()) {
                try {
                    Files.deleteIfExists(created.pollLast());
                } catch (IOException ignored) {
                    // an empty file or folder left behind is harmless; the run recreates it
                }
            }
        }
    }

    /** The file system's reason; some exceptions carry only the path. */
    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "access denied: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + e.getMessage();
        }
        return e.getMessage();
    }

    private interface ResolverWork {
        void run(TableResolver resolver, Dialect dialect) throws SQLException;
    }

    private static void withResolver(DataSource dataSource, ResolverWork work) {
        try (Connection c = Connections.borrow(dataSource)) {
            Dialect dialect = Dialects.detect(c);
            work.run(new TableResolver(c, dialect), dialect);
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    private static boolean selected(List<String> only, String label, String name) {
        if (only.isEmpty()) {
            return true;
        }
        for (String o : only) {
            if (o.equalsIgnoreCase(label) || o.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param found     the tables selected
     * @param available every table the rules or entities name, listed in the error
     */
    private static void checkSelection(List<String> only, java.util.Set<String> found, List<String> available, String what) {
        for (String o : only) {
            boolean hit = found.stream().anyMatch(l -> l.equalsIgnoreCase(o) || l.toLowerCase(Locale.ROOT).endsWith("." + o.toLowerCase(Locale.ROOT)));
            if (!hit) {
                throw RowSweepException.configuration("Table '" + o + "' was asked for (--tables), but it is not among the tables "
                        + what + ": " + String.join(", ", available) + ". Fix the table name, or add rules for it.");
            }
        }
        if (found.isEmpty()) {
            throw RowSweepException.configuration("No table to validate. Name tables that " + what + ".");
        }
    }
}
