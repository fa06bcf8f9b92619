package io.rowsweep.update.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.update.spi.RowFix;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Loads a fix class from a user class path ({@code --classpath fix.jar --fix com.acme.FixInvoices})
 * in its own class loader, whose parent is rowsweep's, so the fix sees rowsweep's API and brings
 * its own dependencies. Problems (missing jar, unknown class, not a {@link RowFix}, no public
 * no-argument constructor) are configuration errors saying what to fix.
 */
public final class FixLoader implements AutoCloseable {

    private final String className;
    private final ClassLoader loader;
    private final URLClassLoader owned;
    private final Constructor<? extends RowFix> constructor;
    /** The instance made to check the class works, handed to the first worker. */
    private final AtomicReference<RowFix> first = new AtomicReference<>();

    private FixLoader(String className, ClassLoader loader, URLClassLoader owned, Constructor<? extends RowFix> constructor) {
        this.className = className;
        this.loader = loader;
        this.owned = owned;
        this.constructor = constructor;
    }

    /**
     * Loads and instantiates {@code className} once, to fail now rather than on the first chunk.
     *
     * @param classpath {@code :}-separated (on Windows {@code ;}) jars, folders and {@code dir/*}; null for {@code parent} alone
     */
    public static FixLoader load(String classpath, String className, ClassLoader parent) {
        URLClassLoader owned = classpath == null ? null : new URLClassLoader("rowsweep-fix", urls(classpath), parent);
        ClassLoader loader = owned == null ? parent : owned;
        try {
            FixLoader fixLoader = new FixLoader(className, loader, owned, constructor(loader, className, classpath));
            fixLoader.first.set(fixLoader.instantiate());
            return fixLoader;
        } catch (RuntimeException | Error e) {
            closeQuietly(owned);
            throw e;
        }
    }

    public String className() {
        return className;
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** A new fix instance per call (one per worker thread), so a fix class need not be thread-safe. */
    public Supplier<RowFix> instances() {
        return () -> {
            RowFix f = first.getAndSet(null);
            return f != null ? f : instantiate();
        };
    }

    @Override
    public void close() {
        closeQuietly(owned);
    }

    /** The class path's entries as URLs: {@code dir/*} stands for the jars in {@code dir}, as with {@code java -cp}. */
    static URL[] urls(String classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path p : entries(classpath)) {
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw RowSweepException.configuration("--classpath entry '" + p + "' is not a valid path: " + e.getMessage());
            }
        }
        return urls.toArray(new URL[0]);
    }

    static List<Path> entries(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String raw : classpath.split(File.pathSeparator)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*") || entry.endsWith(File.separator + "*") || entry.endsWith("/*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1).isEmpty() ? "." : entry.substring(0, entry.length() - 1));
                entries.addAll(jarsIn(dir, entry));
                continue;
            }
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw RowSweepException.configuration("--classpath entry '" + entry + "' does not exist (working directory: "
                        + Path.of("").toAbsolutePath() + "). Check the path.");
            }
            entries.add(p.toAbsolutePath());
        }
        if (entries.isEmpty()) {
            throw RowSweepException.usage("--classpath '" + classpath + "' names no jar or folder.");
        }
        return entries;
    }

    private static List<Path> jarsIn(Path dir, String entry) {
        if (!Files.isDirectory(dir)) {
            throw RowSweepException.configuration("--classpath entry '" + entry + "': '" + dir + "' is not a folder. Check the path.");
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
                    jars.add(f.toAbsolutePath());
                }
            }
        } catch (IOException e) {
            throw RowSweepException.configuration("--classpath entry '" + entry + "': cannot list '" + dir + "': " + e.getMessage());
        }
        jars.sort(null);
        return jars;
    }

    private static Constructor<? extends RowFix> constructor(ClassLoader loader, String className, String classpath) {
        String where = classpath == null ? "rowsweep's class path" : "--classpath '" + classpath + "'";
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw RowSweepException.configuration("Fix class '" + className + "' was not found on " + where
                    + ". Check the class name (with its package) and the class path.");
        } catch (LinkageError e) {
            throw RowSweepException.configuration("Fix class '" + className + "' could not be loaded from " + where + ": " + e
                    + ". Add the jars it needs to --classpath.");
        }
        if (!RowFix.class.isAssignableFrom(type)) {
            throw RowSweepException.configuration("Fix class '" + className + "' does not implement " + RowFix.class.getName()
                    + ". Implement it (one method: void fix(Row row))."
                    + (isOtherCopyOfRowFix(type)
                    ? " It implements a RowFix from another class loader: leave rowsweep's jars out of --classpath." : ""));
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw RowSweepException.configuration("Fix class '" + className + "' is abstract; name a concrete class.");
        }
        try {
            Constructor<? extends RowFix> c = type.asSubclass(RowFix.class).getConstructor();
            if (!Modifier.isPublic(type.getModifiers())) {
                throw new NoSuchMethodException();
            }
            return c;
        } catch (NoSuchMethodException e) {
            throw RowSweepException.configuration("Fix class '" + className + "' needs to be public with a public no-argument"
                    + " constructor, so rowsweep can create one per worker.");
        }
    }

    private static boolean isOtherCopyOfRowFix(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(RowFix.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private RowFix instantiate() {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw RowSweepException.configuration("Fix class '" + className + "' could not be created: its constructor threw "
                    + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw RowSweepException.configuration("Fix class '" + className + "' could not be created: " + e
                    + ". Add the jars it needs to --classpath.");
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing held open that matters once the run is over
        }
    }
}
