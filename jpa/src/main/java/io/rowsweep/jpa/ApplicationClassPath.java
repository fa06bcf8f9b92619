package io.rowsweep.jpa;

import io.rowsweep.core.RowSweepException;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.Handlers;
import org.springframework.boot.loader.net.protocol.jar.JarUrl;

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
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * An application's class path as given like {@code java -cp}: jars, folders, {@code dir/*}
 * wildcards, and applications as they ship: a Spring Boot executable jar or a war stands for its
 * classes folder and its nested jars, which are read in place (never unpacked) through Spring
 * Boot's own loader.
 *
 * @param urls      what the class loader reads, nested jars as {@code jar:nested:} URLs
 * @param scanPaths the same for ClassGraph's scan: {@code app.jar!/BOOT-INF/classes}, {@code app.jar!/BOOT-INF/lib/x.jar}
 * @param nested    whether any entry is inside an archive (then Spring Boot's loader reads them)
 */
record ApplicationClassPath(List<URL> urls, List<String> scanPaths, boolean nested) {

    /** The classes and nested jars of the archive layouts rowsweep reads in place. */
    private static final String[][] LAYOUTS = {
            {"BOOT-INF/classes/", "BOOT-INF/lib/"},
            {"WEB-INF/classes/", "WEB-INF/lib/", "WEB-INF/lib-provided/"},
    };

    /** Every entry must exist. */
    static ApplicationClassPath of(String classpath) {
        List<URL> urls = new ArrayList<>();
        List<String> scan = new ArrayList<>();
        boolean nested = false;
        for (String entry : classpath.split(File.pathSeparator)) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            try {
                if (e.endsWith("*")) {
                    String folder = e.substring(0, e.length() - 1);
                    Path dir = Paths.get(folder.isEmpty() ? "." : folder);
                    if (!Files.isDirectory(dir)) {
                        throw missing(e, classpath);
                    }
                    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                        List<Path> sorted = new ArrayList<>();
                        jars.forEach(sorted::add);
                        sorted.sort(null);
                        for (Path jar : sorted) {
                            urls.add(jar.toUri().toURL());
                            scan.add(jar.toString());
                        }
                    }
                } else {
                    Path p = Paths.get(e);
                    if (!Files.exists(p)) {
                        throw missing(e, classpath);
                    }
                    if (Files.isRegularFile(p) && archiveOrJar(p, e, urls, scan)) {
                        nested = true;
                    } else {
                        urls.add(p.toUri().toURL());
                        scan.add(p.toString());
                    }
                }
            } catch (MalformedURLException ex) {
                throw RowSweepException.configuration("Class path entry '" + e + "' is not a valid path: " + ex.getMessage());
            } catch (IOException ex) {
                throw RowSweepException.configuration("Class path entry '" + e + "' cannot be read: " + ex.getMessage()
                        + ". Give jars, folders or an application archive (Spring Boot jar, war).");
            }
        }
        if (urls.isEmpty()) {
            throw RowSweepException.usage("The class path '" + classpath + "' names no jar or folder. Give the application's jars"
                    + " and class folders, separated by '" + File.pathSeparator + "'.");
        }
        return new ApplicationClassPath(List.copyOf(urls), List.copyOf(scan), nested);
    }

    /** A class loader over these entries, whose parent is {@code parent}. */
    ClassLoader classLoader(ClassLoader parent) {
        URL[] array = urls.toArray(new URL[0]);
        if (nested) {
            Handlers.register(); // the jar:nested: URLs need Spring Boot's URL handlers, once per JVM
        }
        return nested ? new LaunchedClassLoader(false, array, parent) : new URLClassLoader("rowsweep-entities", array, parent);
    }

    /** {@link #archive}, with a file that is no jar (no zip) named as such: else its classes would just seem missing. */
    private static boolean archiveOrJar(Path file, String entry, List<URL> urls, List<String> scan) {
        try {
            return archive(file, urls, scan);
        } catch (IOException ex) {
            throw RowSweepException.configuration("Class path entry '" + entry + "' is not a jar file (" + ex.getMessage() + ")."
                    + " Give jar files and class folders; rebuild the jar if it is damaged.");
        }
    }

    /**
     * Adds the classes folder and nested jars of a Spring Boot jar or a war; false when {@code file}
     * is a plain jar (nothing added).
     */
    private static boolean archive(Path file, List<URL> urls, List<String> scan) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            for (String[] layout : LAYOUTS) {
                if (jar.getEntry(layout[0]) == null && !hasEntryUnder(jar, layout[0]) && !hasEntryUnder(jar, layout[1])) {
                    continue;
                }
                File f = file.toFile();
                urls.add(JarUrl.create(f, layout[0]));
                scan.add(file + "!/" + layout[0].substring(0, layout[0].length() - 1));
                List<String> libs = new ArrayList<>();
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    for (int i = 1; i < layout.length; i++) {
                        if (name.startsWith(layout[i]) && name.endsWith(".jar") && name.indexOf('/', layout[i].length()) < 0) {
                            libs.add(name);
                        }
                    }
                }
                libs.sort(null);
                for (String lib : libs) {
                    urls.add(JarUrl.create(f, lib));
                    scan.add(file + "!/" + lib);
                }
                return true;
            }
            return false;
        }
    }

    private static boolean hasEntryUnder(JarFile jar, String prefix) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            if (entries.nextElement().getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static RowSweepException missing(String entry, String classpath) {
        return RowSweepException.configuration("Class path entry '" + entry + "' does not exist (class path: " + classpath
                + "). Fix the path, or build the application first.");
    }
}
