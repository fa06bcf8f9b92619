package io.rowsweep.validation.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.schema.Table;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.jpa.EntityClasses;
import io.rowsweep.jpa.internal.EntityModel;
import io.rowsweep.jpa.internal.TableMapping;
import io.rowsweep.validation.ViolationFormat;
import jakarta.validation.ValidatorFactory;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Turns a validation's configuration into a {@link ValidateJob}: reads the rules, finds the
 * tables they apply to in the database (so a missing table is reported naming the rules file or
 * the entity), and keeps the tables asked for. Reads only; nothing is written.
 */
public final class JobPlanner {

    private JobPlanner() {
    }

    public static ValidateJob forRules(DataSource dataSource, RulesFile rules, List<String> only, Path out, ViolationFormat format) {
        Map<String, TableRules> byLabel = new LinkedHashMap<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        withResolver(dataSource, resolver -> {
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
        ValidateJob job = new ValidateJob(new ValidateJob.FileRules(rules, byLabel), List.copyOf(byLabel.keySet()), out, format);
        tables.forEach(job::resolvedAs);
        return job;
    }

    /**
     * @param classpath where {@code entities} were loaded from (part of the job's spec, so other
     *                  processes load them alike), or null for rowsweep's own class path
     * @param out       the violations file, or null for the violations table
     */
    public static ValidateJob forEntities(DataSource dataSource, EntityClasses entities, String classpath, Class<?>[] groups,
                                          List<String> only, Path out, ViolationFormat format) {
        List<TableMapping> mappings = EntityModel.map(entities.classes());
        CompletableFuture<ValidatorFactory> starting = Validators.start(entities.classLoader(), mappings.stream()
                .flatMap(m -> m.types().stream().map(t -> t.type())).collect(Collectors.toList()));
        ValidateJob job;
        try {
            Map<String, TableMapping> byLabel = new LinkedHashMap<>();
            Map<String, Table> tables = new LinkedHashMap<>();
            List<String> mapped = new ArrayList<>();
            withResolver(dataSource, resolver -> {
                for (TableMapping m : mappings) {
                    String what = "Entity " + m.root().getName() + " maps to table " + String.join(" or ", m.tableNames().stream()
                            .map(n -> "'" + n + "'").toList()) + ", and none exists (name it with @Table(name = ...))";
                    Table table = ValidateJob.resolveTable(resolver, m.schema(), m.tableNames(), what);
                    mapped.add(table.label());
                    if (selected(only, table.label(), table.name())) {
                        byLabel.put(table.label(), m);
                        tables.put(table.label(), table);
                    }
                }
            });
            checkSelection(only, byLabel.keySet(), mapped, "the entities map");
            job = new ValidateJob(new ValidateJob.EntityRules(byLabel, starting, groups, classpath), List.copyOf(byLabel.keySet()), out,
                    format);
            tables.forEach(job::resolvedAs);
        } catch (RuntimeException | Error e) {
            Validators.discard(starting);
            throw e;
        }
        job.track(starting);
        return job;
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
        void run(TableResolver resolver) throws SQLException;
    }

    private static void withResolver(DataSource dataSource, ResolverWork work) {
        try (Connection c = Connections.borrow(dataSource)) {
            work.run(new TableResolver(c, Dialects.detect(c)));
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
