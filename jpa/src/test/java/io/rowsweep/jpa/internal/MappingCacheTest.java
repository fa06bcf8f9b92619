package io.rowsweep.jpa.internal;

import io.rowsweep.jpa.model.BlogPost;
import io.rowsweep.jpa.model.Shapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A cached mapping is the mapping Hibernate gives, and is not used once a class it came from has changed. */
class MappingCacheTest {

    @TempDir
    Path dir;

    static HibernateMapping.Result map(List<Class<?>> entities, ClassLoader loader, MappingCache cache) {
        return HibernateMapping.map(entities, List.of(), loader, HibernateMapping.SPRING_NAMING, "PostgreSQL", cache);
    }

    @Test
    void aCachedMappingEqualsTheOneHibernateGives() {
        MappingCache cache = new MappingCache(dir);
        List<Class<?>> entities = List.of(BlogPost.class, Shapes.Animal.class, Shapes.Dog.class, Shapes.Circle.class, Shapes.Kennel.class);
        String key = MappingCache.key(entities, List.of(), HibernateMapping.SPRING_NAMING, "PostgreSQL");
        HibernateMapping.Result fresh = map(entities, getClass().getClassLoader(), cache);
        HibernateMapping.Result cached = cache.load(key, getClass().getClassLoader());
        assertThat(cached).isNotNull().isEqualTo(fresh);
    }

    @Test
    void aChangedEntityClassIsMappedAgain() throws Exception {
        MappingCache cache = new MappingCache(dir.resolve("cache"));
        Path classes = compile("@jakarta.persistence.Column(name = \"first\") String name;");
        HibernateMapping.Result first;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            first = map(List.of(loader.loadClass("com.acme.Thing")), loader, cache);
        }
        Path changed = compile("@jakarta.persistence.Column(name = \"second\") String name;");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {changed.toUri().toURL()}, getClass().getClassLoader())) {
            HibernateMapping.Result second = map(List.of(loader.loadClass("com.acme.Thing")), loader, cache);
            assertThat(first.tables().get(0).types().get(0).attributes().get(1).column()).isEqualTo("first");
            assertThat(second.tables().get(0).types().get(0).attributes().get(1).column()).isEqualTo("second");
        }
    }

    private Path compile(String field) throws IOException {
        Path root = Files.createTempDirectory(dir, "v");
        Path source = root.resolve("src/com/acme/Thing.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.acme; @jakarta.persistence.Entity public class Thing { @jakarta.persistence.Id Long id; "
                + field + " }");
        Path classes = root.resolve("classes");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString())).isZero();
        return classes;
    }
}
