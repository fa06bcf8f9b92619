package io.rowsweep.validation;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds small applications in tests: sources compiled against the test class path, packed as jars. */
final class TestApps {

    private TestApps() {
    }

    /** Compiles {@code sources} (path -> text) into {@code classes}, with {@code extraClasspath} besides the tests' own. */
    static Path compile(Map<String, String> sources, Path work, Path classes, String extraClasspath) throws IOException {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = work.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("java.class.path") + (extraClasspath == null ? "" : java.io.File.pathSeparator + extraClasspath);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", cp, "--release", "17"));
        args.addAll(files);
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).as("javac").isZero();
        return classes;
    }

    /** Packs the files under {@code classes} into {@code jarFile}. */
    static Path jar(Path classes, Path jarFile) throws IOException {
        return jar(classes, jarFile, "");
    }

    /** Packs the files under {@code classes} into {@code jarFile}, under {@code prefix} (e.g. {@code WEB-INF/classes/}). */
    static Path jar(Path classes, Path jarFile, String prefix) throws IOException {
        Files.createDirectories(jarFile.getParent());
        try (OutputStream out = Files.newOutputStream(jarFile); JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> all = Files.walk(classes)) {
            for (Path p : all.filter(Files::isRegularFile).collect(Collectors.toList())) {
                jarOut.putNextEntry(new JarEntry(prefix + classes.relativize(p).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(p));
                jarOut.closeEntry();
            }
        }
        return jarFile;
    }
}
