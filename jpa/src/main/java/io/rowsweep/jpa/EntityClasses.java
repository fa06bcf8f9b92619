package io.rowsweep.jpa;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.rowsweep.core.RowSweepException;

import java.io.File;
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
 * jars stay separate. An application is read as it ships: a Spring Boot executable jar
 * ({@code BOOT-INF/classes}, {@code BOOT-INF/lib/*.jar}) or a war ({@code WEB-INF/classes},
 * {@code WEB-INF/lib/*.jar}) is read in place, its nested jars too, with Spring Boot's own
 * loader. Classes are loaded without being initialised: no static initialiser of the application
 * runs while rowsweep finds its entities.
 */
public final class EntityClasses {

    private static final String ENTITY = "jakarta.persistence.Entity";
    /** Found too, so that they are reported (Hibernate ORM 7 does not read them) rather than silently left out. */
    private static final String LEGACY_ENTITY = "javax.persistence.Entity";
    private static final String CONVERTER = "jakarta.persistence.Converter";

    private final List<Class<?>> classes;
    private final List<Class<?>> converters;
    private final ClassLoader classLoader;

    private EntityClasses(List<Class<?>> classes, List<Class<?>> converters, ClassLoader classLoader) {
        this.classes = List.copyOf(classes);
        this.converters = List.copyOf(converters);
        this.classLoader = classLoader;
    }

    /** Entity classes already loaded; their class loader is the first class's. */
    public static EntityClasses of(List<Class<?>> classes) {
        if (classes.isEmpty()) {
            throw RowSweepException.usage("No entity classes given: name at least one.");
        }
        classes.forEach(c -> Objects.requireNonNull(c, "entity class"));
        return new EntityClasses(new ArrayList<>(new LinkedHashSet<>(classes)), List.of(), classes.get(0).getClassLoader());
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
        ApplicationClassPath app = classpath == null || classpath.isBlank() ? null : ApplicationClassPath.of(classpath);
        ClassLoader loader = app == null ? parent : app.classLoader(parent);
        Set<Class<?>> found = new LinkedHashSet<>();
        Set<Class<?>> converters = new LinkedHashSet<>();
        for (String raw : packagesOrClasses) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Class<?> type = tryLoad(name, loader);
            if (type != null) {
                found.add(type);
            } else {
                List<Class<?>> scanned = scan(name, loader, app, ENTITY, LEGACY_ENTITY);
                if (scanned.isEmpty()) {
                    throw RowSweepException.configuration("'" + name + "' is neither a class nor a package with @Entity classes on the"
                            + " class path (" + describe(classpath) + "). Check the name, and that --classpath holds the"
                            + " application's classes.");
                }
                found.addAll(scanned);
                converters.addAll(scan(name, loader, app, CONVERTER));
            }
        }
        if (found.isEmpty()) {
            throw RowSweepException.usage("No entities given: name entity classes or packages to scan (--entities com.acme.model).");
        }
        return new EntityClasses(new ArrayList<>(found), new ArrayList<>(converters), loader);
    }

    /** The entity classes, in the order given (a scanned package's in name order). */
    public List<Class<?>> classes() {
        return classes;
    }

    /** {@code @Converter} classes found in the scanned packages (Hibernate applies the auto-applied ones). */
    public List<Class<?>> converters() {
        return converters;
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
        } catch (UnsupportedClassVersionError e) {
            throw RowSweepException.configuration("Class " + name + " was compiled for a newer Java than the one running rowsweep ("
                    + "Java " + Runtime.version().feature() + "): " + e.getMessage() + ". Run rowsweep with that Java or newer"
                    + " (./rowsweep uses JAVA_HOME when it is set, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64).");
        } catch (LinkageError e) {
            throw RowSweepException.configuration("Class " + name + " cannot be loaded: " + e
                    + ". Add the jars it needs (its imports) to the class path.");
        }
    }

    private static List<Class<?>> scan(String pkg, ClassLoader loader, ApplicationClassPath app, String... annotations) {
        ClassGraph graph = new ClassGraph().enableAnnotationInfo().acceptPackages(pkg);
        graph = app == null ? graph.overrideClassLoaders(loader) : graph.overrideClasspath(app.scanPaths());
        List<Class<?>> out = new ArrayList<>();
        try (ScanResult result = graph.scan()) {
            Set<String> names = new java.util.TreeSet<>();
            for (String annotation : annotations) {
                for (ClassInfo info : result.getClassesWithAnnotation(annotation)) {
                    names.add(info.getName());
                }
            }
            for (String n : names) {
                Class<?> c = tryLoad(n, loader);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static String describe(String classpath) {
        return classpath == null || classpath.isBlank() ? "rowsweep's own" : "'" + classpath + "'";
    }
}
