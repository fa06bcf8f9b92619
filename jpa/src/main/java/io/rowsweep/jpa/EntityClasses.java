package io.rowsweep.jpa;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.rowsweep.core.RowSweepException;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A set of JPA entity classes and the class loader they come from.
 *
 * <p>{@link #load} reads them from a class path given like {@code java -cp}, in a class loader of
 * their own whose parent is rowsweep's, so {@code jakarta.validation} and
 * {@code jakarta.persistence} classes are shared with rowsweep while the application's other
 * jars stay separate. Classes are loaded without being initialised: no static initialiser of the
 * application runs while rowsweep finds its entities.
 */
public final class EntityClasses {

    private static final String[] ENTITY_ANNOTATIONS = {"jakarta.persistence.Entity", "javax.persistence.Entity"};

    private final List<Class<?>> classes;
    private final ClassLoader classLoader;

    private EntityClasses(List<Class<?>> classes, ClassLoader classLoader) {
        this.classes = List.copyOf(classes);
        this.classLoader = classLoader;
    }

    /** Entity classes already loaded; their class loader is the first class's. */
    public static EntityClasses of(List<Class<?>> classes) {
        if (classes.isEmpty()) {
            throw RowSweepException.usage("No entity classes given: name at least one.");
        }
        classes.forEach(c -> Objects.requireNonNull(c, "entity class"));
        return new EntityClasses(new ArrayList<>(new LinkedHashSet<>(classes)), classes.get(0).getClassLoader());
    }

    /**
     * Loads entity classes.
     *
     * @param classpath         jars, folders and {@code dir/*} wildcards separated by {@link File#pathSeparator}, as for
     *                          {@code java -cp}; null or blank loads from rowsweep's own class path
     * @param packagesOrClasses fully qualified class names, or packages to scan (with sub-packages) for {@code @Entity} classes
     * @throws RowSweepException (configuration) naming the class path entry, class or package that cannot be used
     */
    public static EntityClasses load(String classpath, List<String> packagesOrClasses) {
        if (packagesOrClasses.isEmpty()) {
            throw RowSweepException.usage("No entities given: name entity classes or packages to scan (--entities com.acme.model).");
        }
        ClassLoader parent = EntityClasses.class.getClassLoader();
        ClassLoader loader = classpath == null || classpath.isBlank() ? parent
                : new URLClassLoader("rowsweep-entities", urls(classpath), parent);
        Set<Class<?>> found = new LinkedHashSet<>();
        for (String raw : packagesOrClasses) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Class<?> type = tryLoad(name, loader);
            if (type != null) {
                found.add(type);
            } else {
                List<Class<?>> scanned = scan(name, loader, classpath);
                if (scanned.isEmpty()) {
                    throw RowSweepException.configuration("'" + name + "' is neither a class nor a package with @Entity classes on the"
                            + " class path (" + describe(classpath) + "). Check the name, and that --classpath holds the"
                            + " application's classes.");
                }
                found.addAll(scanned);
            }
        }
        if (found.isEmpty()) {
            throw RowSweepException.usage("No entities given: name entity classes or packages to scan (--entities com.acme.model).");
        }
        return new EntityClasses(new ArrayList<>(found), loader);
    }

    /** The entity classes, in the order given (a scanned package's in name order). */
    public List<Class<?>> classes() {
        return classes;
    }

    /** Where the classes come from: custom constraint validators and message bundles are looked up here too. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    private static Class<?> tryLoad(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (LinkageError e) {
            throw RowSweepException.configuration("Class " + name + " cannot be loaded: " + e
                    + ". Add the jars it needs (its imports) to the class path.");
        }
    }

    private static List<Class<?>> scan(String pkg, ClassLoader loader, String classpath) {
        ClassGraph graph = new ClassGraph().enableAnnotationInfo().acceptPackages(pkg);
        graph = classpath == null || classpath.isBlank() ? graph.overrideClassLoaders(loader)
                : graph.overrideClasspath(List.of(((URLClassLoader) loader).getURLs()));
        List<Class<?>> out = new ArrayList<>();
        try (ScanResult result = graph.scan()) {
            Set<String> names = new java.util.TreeSet<>();
            for (String annotation : ENTITY_ANNOTATIONS) {
                for (ClassInfo info : result.getClassesWithAnnotation(annotation)) {
                    names.add(info.getName());
                }
            }
            for (String n : names) {
                out.add(tryLoad(n, loader));
            }
        }
        return out;
    }

    /** Turns {@code a.jar:classes/:libs/*} into URLs; every entry must exist. */
    static URL[] urls(String classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            try {
                if (e.endsWith("*")) {
                    Path dir = Paths.get(e.substring(0, e.length() - 1).isEmpty() ? "." : e.substring(0, e.length() - 1));
                    if (!Files.isDirectory(dir)) {
                        throw missing(e, classpath);
                    }
                    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                        List<Path> sorted = new ArrayList<>();
                        jars.forEach(sorted::add);
                        sorted.sort(null);
                        for (Path jar : sorted) {
                            checkJar(jar, e);
                            urls.add(jar.toUri().toURL());
                        }
                    }
                } else {
                    Path p = Paths.get(e);
                    if (!Files.exists(p)) {
                        throw missing(e, classpath);
                    }
                    if (!Files.isDirectory(p)) {
                        checkJar(p, e);
                    }
                    urls.add(p.toUri().toURL());
                }
            } catch (MalformedURLException ex) {
                throw RowSweepException.configuration("Class path entry '" + e + "' is not a valid path: " + ex.getMessage());
            } catch (IOException ex) {
                throw RowSweepException.configuration("Class path entry '" + e + "' cannot be read: " + ex.getMessage());
            }
        }
        if (urls.isEmpty()) {
            throw RowSweepException.usage("The class path '" + classpath + "' names no jar or folder. Give the application's jars"
                    + " and class folders, separated by '" + File.pathSeparator + "'.");
        }
        return urls.toArray(new URL[0]);
    }

    /** A class path file must be a jar (any zip: a war, a Spring Boot jar); else its classes would just seem missing. */
    private static void checkJar(Path file, String entry) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            zip.size();
        } catch (IOException ex) {
            throw RowSweepException.configuration("Class path entry '" + entry + "'" + (entry.equals(file.toString()) ? "" : " (" + file + ")")
                    + " is not a jar file (" + ex.getMessage() + "). Give jar files and class folders; rebuild the jar if it is damaged.");
        }
    }

    private static RowSweepException missing(String entry, String classpath) {
        return RowSweepException.configuration("Class path entry '" + entry + "' does not exist (class path: " + classpath
                + "). Fix the path, or build the application first.");
    }

    private static String describe(String classpath) {
        return classpath == null || classpath.isBlank() ? "rowsweep's own" : "'" + classpath + "'";
    }
}
