package io.rowsweep.jpa;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EntityClassesTest {

    @TempDir
    Path dir;

    @Test
    void aClassCompiledForANewerJavaSaysToRunRowsweepWithThatJava() throws IOException {
        Path source = dir.resolve("src/com/acme/Future.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.acme; @jakarta.persistence.Entity public class Future { @jakarta.persistence.Id Long id; }");
        Path classes = dir.resolve("classes");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString())).isZero();
        Path file = classes.resolve("com/acme/Future.class");
        byte[] bytes = Files.readAllBytes(file);
        bytes[6] = 0;
        bytes[7] = (byte) (Runtime.version().feature() + 44 + 8); // the class file version of a Java eight releases ahead
        Files.write(file, bytes);
        RowSweepException e = catchThrowableOfType(RowSweepException.class, () -> EntityClasses.load(classes.toString(),
                List.of("com.acme.Future")));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("com.acme.Future").contains("newer Java").contains("JAVA_HOME");
    }
}
