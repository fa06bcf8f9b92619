package io.rowsweep.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.jpa.EntityClasses;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Entities from a jar that is not on rowsweep's class path, as the CLI gets them: compiled here,
 * loaded in their own class loader without being initialised, with a custom constraint and a
 * message bundle of their own; legacy javax mappings beside them are reported, not validated.
 */
class UserClasspathTest {

    static final Map<String, String> SOURCES = Map.of(
            "com/acme/model/Book.java", String.join("\n",
                    "package com.acme.model;",
                    "import jakarta.persistence.*;",
                    "import jakarta.validation.constraints.*;",
                    "@Entity @Table(name = \"books\")",
                    "public class Book {",
                    "  static { System.setProperty(\"acme.book.initialized\", \"yes\"); }",
                    "  @Id Long id;",
                    "  @NotBlank String title;",
                    "  @Isbn String isbnCode;",
                    "}"),
            "com/acme/model/LegacyBook.java", String.join("\n",
                    "package com.acme.model;",
                    "@javax.persistence.Entity @javax.persistence.Table(name = \"legacy_books\")",
                    "public class LegacyBook {",
                    "  @javax.persistence.Id Long id;",
                    "  @javax.persistence.Column(name = \"book_title\") @jakarta.validation.constraints.Size(max = 5) String title;",
                    "  @javax.persistence.Transient String notAColumn;",
                    "}"),
            "com/acme/model/Isbn.java", String.join("\n",
                    "package com.acme.model;",
                    "import jakarta.validation.*;",
                    "import java.lang.annotation.*;",
                    "@Target(ElementType.FIELD) @Retention(RetentionPolicy.RUNTIME) @Constraint(validatedBy = Isbn.Check.class)",
                    "public @interface Isbn {",
                    "  String message() default \"{com.acme.Isbn.message}\";",
                    "  Class<?>[] groups() default {};",
                    "  Class<? extends Payload>[] payload() default {};",
                    "  class Check implements ConstraintValidator<Isbn, String> {",
                    "    public boolean isValid(String v, ConstraintValidatorContext c) { return v == null || v.matches(\"[0-9]{13}\"); }",
                    "  }",
                    "}"));

    @TempDir
    Path dir;
    TestSchema db;
    HikariDataSource pool;
    Path jar;

    @BeforeEach
    void setUp() throws IOException {
        jar = compileJar();
        db = TestDatabases.newSchema(DatabaseKind.H2);
        pool = db.dataSource(3);
        db.execute("CREATE TABLE books (id BIGINT PRIMARY KEY, title VARCHAR(40), isbn_code VARCHAR(20))",
                "INSERT INTO books VALUES (1, 'Good', '9780306406157'), (2, '', '9780306406157'), (3, 'Ok', 'x-123')",
                "CREATE TABLE legacy_books (id BIGINT PRIMARY KEY, book_title VARCHAR(40))",
                "INSERT INTO legacy_books VALUES (1, 'short'), (2, 'much too long')");
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    private Path compileJar() throws IOException {
        Path classes = TestApps.compile(SOURCES, dir.resolve("src"), dir.resolve("classes"), null);
        Files.writeString(classes.resolve("ValidationMessages.properties"), "com.acme.Isbn.message=is not an ISBN-13\n");
        return TestApps.jar(classes, dir.resolve("libs").resolve("acme-model.jar"));
    }

    @Test
    void loadsEntitiesFromAJarInTheirOwnClassLoaderWithoutInitialisingThem() {
        System.clearProperty("acme.book.initialized"); // another test may have validated (so initialised) its own copy
        EntityClasses loaded = EntityClasses.load(dir.resolve("libs") + "/*", List.of("com.acme.model"));
        assertThat(loaded.classes()).extracting(Class::getName).containsExactly("com.acme.model.Book", "com.acme.model.LegacyBook");
        assertThat(loaded.classLoader()).isInstanceOf(URLClassLoader.class).isNotSameAs(getClass().getClassLoader());
        assertThat(loaded.classLoader().getParent()).isSameAs(EntityClasses.class.getClassLoader());
        assertThat(System.getProperty("acme.book.initialized")).as("static initialiser ran").isNull();
    }

    @Test
    void validatesEntitiesFromTheJarWithTheirCustomConstraintAndMessagesAndSaysWhyLegacyJavaxEntitiesAreSkipped() {
        ValidationSummary s = Validation.of(pool).workers(2).violationsTo(dir.resolve("v.jsonl"))
                .entities(jar.toString(), "com.acme.model").run();
        List<JsonNode> records = Violations.read(s.violations());
        assertThat(records.stream().map(r -> r.get("table").asText().toLowerCase(java.util.Locale.ROOT) + "|" + Violations.key(r, "id").asText() + "|"
                + r.get("constraint").asText() + "|" + r.get("message").asText()).collect(Collectors.toList()))
                .containsExactlyInAnyOrder(
                        "books|2|NotBlank|must not be blank",
                        "books|3|Isbn|is not an ISBN-13");
        assertThat(s.exitCode()).isEqualTo(1);
        Coverage legacy = s.coverage().stream().filter(c -> c.name().equals("com.acme.model.LegacyBook")).findFirst().orElseThrow();
        assertThat(legacy.status()).isEqualTo(Coverage.SKIPPED);
        assertThat(legacy.reason()).contains("javax.persistence").contains("rules file");
    }

    @Test
    void explicitClassNamesAndClearErrorsForWhatIsNotThere() {
        ValidationSummary s = Validation.of(pool).workers(1).violationsTo(dir.resolve("v.jsonl"))
                .entities(jar.toString(), "com.acme.model.Book").run();
        assertThat(s.tables()).extracting(TableValidation::table).containsExactly("BOOKS");
        RowSweepException onlyLegacy = catchThrowableOfType(RowSweepException.class, () -> Validation.of(pool)
                .violationsTo(dir.resolve("v.jsonl")).entities(jar.toString(), "com.acme.model.LegacyBook").run());
        assertThat(onlyLegacy.getMessage()).contains("LegacyBook").contains("javax.persistence");

        RowSweepException missingJar = catchThrowableOfType(RowSweepException.class,
                () -> Validation.of(pool).entities(dir.resolve("nope.jar").toString(), "com.acme.model"));
        assertThat(missingJar.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(missingJar.getMessage()).contains("nope.jar").contains("does not exist");

        RowSweepException noEntities = catchThrowableOfType(RowSweepException.class,
                () -> Validation.of(pool).entities(jar.toString(), "com.acme.nothing"));
        assertThat(noEntities.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(noEntities.getMessage()).contains("com.acme.nothing").contains(jar.toString());

        RowSweepException badGroup = catchThrowableOfType(RowSweepException.class,
                () -> Validation.of(pool).entities(jar.toString(), "com.acme.model").groups("com.acme.Missing"));
        assertThat(badGroup.getMessage()).contains("com.acme.Missing");
    }
}
