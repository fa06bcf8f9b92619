package io.rowsweep.junit;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Spring is an optional dependency: the extension works on a class path without it. */
class WithoutSpringTest {

    @Test
    void theExtensionWorksWithoutSpringOnTheClassPath() throws Exception {
        TestDatabases.require(DatabaseKind.POSTGRES);
        assumeTrue(System.getenv("ROWSWEEP_URL") == null, "ROWSWEEP_URL is set: it would be the database");
        URL[] withoutSpring = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace(File.separatorChar, '/').contains("/org/springframework/spring-"))
                .map(WithoutSpringTest::url).toArray(URL[]::new);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(withoutSpring, ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("org/springframework/test/context/junit/jupiter/SpringExtension.class")).isNull();
            thread.setContextClassLoader(loader);
            @SuppressWarnings("unchecked")
            List<String> failures = (List<String>) loader.loadClass(WithoutSpring.class.getName()).getMethod("run").invoke(null);
            assertThat(failures).hasSize(3);
            assertThat(failures.get(0)).contains("in method OnTestSchema.dataSource():").contains("key {\"id\":2}, property email");
            assertThat(failures.get(1)).contains("in field ContainerField.container:").contains("key {\"id\":2}, property email");
            assertThat(failures.get(2)).contains("found no database to validate");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static URL url(String classPathEntry) {
        try {
            return Paths.get(classPathEntry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(classPathEntry, e);
        }
    }
}
