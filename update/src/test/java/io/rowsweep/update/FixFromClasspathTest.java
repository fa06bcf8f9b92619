package io.rowsweep.update;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Java mode as the CLI runs it ({@code --classpath lib/* --fix com.acme.FixNotes}): the fix and the
 * library it needs are compiled into two jars here, out of reach of the test class path, and
 * loaded in their own class loader.
 */
class FixFromClasspathTest {

    @TempDir
    Path dir;
    TestSchema db;

    @BeforeEach
    void createTable() {
        db = TestDatabases.newSchema(DatabaseKind.H2);
        db.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(40))", "INSERT INTO notes SELECT g.i, NULL FROM " + db.series(3000));
    }

    @AfterEach
    void dropSchema() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    void loadsTheFixAndWhatItNeedsFromJarsInAFolder() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        compileToJar("com.acme.text.Shout", "package com.acme.text; public final class Shout {"
                + " public static String of(Object o) { return (\"note \" + o).toUpperCase(); } }", lib.resolve("text.jar"), null);
        compileToJar("com.acme.FixNotes", "package com.acme; import io.rowsweep.update.spi.*;"
                        + " public final class FixNotes implements RowFix {"
                        + " public void fix(Row row) { row.set(\"body\", com.acme.text.Shout.of(row.key().get(0))); } }",
                lib.resolve("fix.jar"), lib.resolve("text.jar"));
        assertThatClassIsNotOnTheTestClassPath("com.acme.FixNotes");

        try (var pool = db.dataSource(3)) {
            UpdateSummary summary = Update.of(pool).table("notes").workers(2).fix(lib + "/*", "com.acme.FixNotes").run();
            assertThat(summary.status()).isEqualTo(RunStatus.DONE);
            assertThat(summary.rowsChanged()).containsEntry("notes", 3000L);
        }
        assertThat(db.queryLong("SELECT count(*) FROM notes WHERE body = CONCAT('NOTE ', id)")).isEqualTo(3000);
    }

    @Test
    void aClassThatIsNoFixOrAMissingJarIsAConfigurationError() throws Exception {
        Path jar = dir.resolve("other.jar");
        compileToJar("com.acme.NotAFix", "package com.acme; public class NotAFix { }", jar, null);
        assertThat(configurationError(jar.toString(), "com.acme.NotAFix"))
                .contains("Fix class 'com.acme.NotAFix' does not implement io.rowsweep.update.spi.RowFix");
        assertThat(configurationError(dir.resolve("nope.jar").toString(), "com.acme.NotAFix"))
                .contains("--classpath entry '" + dir.resolve("nope.jar") + "' does not exist");
        assertThat(configurationError(jar.toString(), "com.acme.Missing"))
                .contains("Fix class 'com.acme.Missing' was not found on --classpath '" + jar + "'");
        Path ctor = dir.resolve("ctor.jar");
        compileToJar("com.acme.NeedsArgs", "package com.acme; import io.rowsweep.update.spi.*;"
                + " public class NeedsArgs implements RowFix { public NeedsArgs(int x) { } public void fix(Row row) { } }", ctor, null);
        assertThat(configurationError(ctor.toString(), "com.acme.NeedsArgs")).contains("public no-argument constructor");
        assertThat(db.queryLong("SELECT count(*) FROM notes WHERE body IS NOT NULL")).isZero();
    }

    private String configurationError(String classpath, String className) {
        try (var pool = db.dataSource(2)) {
            RowSweepException e = catchThrowableOfType(RowSweepException.class,
                    () -> Update.of(pool).table("notes").workers(1).fix(classpath, className).run());
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            return e.getMessage();
        }
    }

    private static void assertThatClassIsNotOnTheTestClassPath(String name) {
        assertThat(catchThrowableOfType(ClassNotFoundException.class, () -> Class.forName(name))).isNotNull();
    }

    /** Compiles one class against the test class path (plus {@code extra}) into a jar of its own. */
    private void compileToJar(String className, String source, Path jar, Path extra) throws IOException {
        Path src = dir.resolve("src-" + className);
        Path out = dir.resolve("out-" + className);
        Path file = src.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.createDirectories(out);
        Files.writeString(file, source);
        String classpath = System.getProperty("java.class.path") + (extra == null ? "" : java.io.File.pathSeparator + extra);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, System.err, "--release", "17", "-classpath", classpath, "-d", out.toString(), file.toString());
        assertThat(rc).as("javac of " + className).isZero();
        try (JarOutputStream jarOut = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> classes = Files.walk(out)) {
            for (Path p : (Iterable<Path>) classes.filter(Files::isRegularFile)::iterator) {
                jarOut.putNextEntry(new JarEntry(out.relativize(p).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(p));
                jarOut.closeEntry();
            }
        }
    }
}
