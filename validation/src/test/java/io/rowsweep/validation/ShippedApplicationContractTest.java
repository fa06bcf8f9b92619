package io.rowsweep.validation;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application validated as its team ships it: a Spring Boot executable jar
 * ({@code BOOT-INF/classes}, {@code BOOT-INF/lib/*.jar}) and a war ({@code WEB-INF/classes},
 * {@code WEB-INF/lib}), both made by Spring Boot's own repackaging from a small app whose
 * entity extends a mapped superclass of a library jar and uses its custom constraint, with
 * its message in the app's Spring-style {@code messages.properties}. Nothing is unpacked.
 */
abstract class ShippedApplicationContractTest {

    static final Map<String, String> LIBRARY = Map.of(
            "com/acme/common/Telephone.java", String.join("\n",
                    "package com.acme.common;",
                    "import jakarta.validation.*;",
                    "import java.lang.annotation.*;",
                    "@Target(ElementType.FIELD) @Retention(RetentionPolicy.RUNTIME) @Constraint(validatedBy = Telephone.Check.class)",
                    "public @interface Telephone {",
                    "  String message() default \"{telephone.invalid}\";",
                    "  Class<?>[] groups() default {};",
                    "  Class<? extends Payload>[] payload() default {};",
                    "  class Check implements ConstraintValidator<Telephone, String> {",
                    "    public boolean isValid(String v, ConstraintValidatorContext c) { return v == null || v.matches(\"\\\\+?[0-9 ]{6,}\"); }",
                    "  }",
                    "}"),
            "com/acme/common/BaseEntity.java", String.join("\n",
                    "package com.acme.common;",
                    "@jakarta.persistence.MappedSuperclass",
                    "public abstract class BaseEntity {",
                    "  @jakarta.persistence.Id protected Long id;",
                    "  @jakarta.persistence.Version protected Integer version;",
                    "}"));

    static final Map<String, String> APP = Map.of(
            "com/acme/shop/Customer.java", String.join("\n",
                    "package com.acme.shop;",
                    "import jakarta.persistence.*;",
                    "import jakarta.validation.constraints.*;",
                    "@Entity",
                    "public class Customer extends com.acme.common.BaseEntity {",
                    "  @NotBlank String fullName;",
                    "  @com.acme.common.Telephone String phoneNumber;",
                    "}"),
            "com/acme/shop/ShopApplication.java", String.join("\n",
                    "package com.acme.shop;",
                    "public class ShopApplication {",
                    "  public static void main(String[] args) { System.out.println(\"shop\"); }",
                    "}"));

    @TempDir
    Path dir;
    TestSchema db;
    HikariDataSource pool;

    abstract DatabaseKind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabases.newSchema(kind());
        pool = db.dataSource(3);
        db.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, version INTEGER, full_name VARCHAR(40), phone_number VARCHAR(20))",
                "INSERT INTO customer VALUES (1, 0, 'Ann', '+41 44 668 18 00')",
                "INSERT INTO customer VALUES (2, 0, ' ', '+41 44 668 18 00')",
                "INSERT INTO customer VALUES (3, 0, 'Bob', 'call me')");
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

    /** The app packed as {@code name} (.jar or .war) by Spring Boot's Repackager, with the library in its lib folder. */
    private Path shipped(String name) throws IOException {
        Path library = TestApps.jar(TestApps.compile(LIBRARY, dir.resolve("lib-src"), dir.resolve("lib-classes"), null),
                dir.resolve("build/acme-common.jar"));
        Path classes = TestApps.compile(APP, dir.resolve("app-src"), dir.resolve("app-classes"), library.toString());
        Files.writeString(classes.resolve("messages.properties"), "telephone.invalid=is not a telephone number\n");
        // A war is built with its classes in WEB-INF/classes (as the war plugin does); the Repackager moves a jar's to BOOT-INF.
        Path archive = TestApps.jar(classes, dir.resolve("dist").resolve(name), name.endsWith(".war") ? "WEB-INF/classes/" : "");
        Repackager repackager = new Repackager(archive.toFile());
        repackager.setMainClass("com.acme.shop.ShopApplication");
        repackager.setBackupSource(false);
        repackager.repackage(callback -> callback.library(new Library(library.toFile(), LibraryScope.COMPILE)));
        return archive;
    }

    private List<String> validate(Path archive) {
        ValidationSummary s = Validation.of(pool).workers(2).violationsTo(dir.resolve("v.jsonl"))
                .entities(archive.toString(), "com.acme.shop").messages("messages").run();
        assertThat(s.coverage()).singleElement().satisfies(c -> {
            assertThat(c.checked()).isTrue();
            assertThat(c.fieldsChecked()).containsExactlyInAnyOrder("id", "version", "fullName", "phoneNumber");
        });
        return Violations.read(s.violations()).stream().map(r -> r.get("table").asText().toLowerCase(Locale.ROOT) + "|"
                + Violations.key(r, "id").asText() + "|" + r.get("property").asText() + "|" + r.get("constraint").asText() + "|"
                + r.get("message").asText()).collect(Collectors.toList());
    }

    static final List<String> EXPECTED = List.of("customer|2|fullName|NotBlank|must not be blank",
            "customer|3|phoneNumber|Telephone|is not a telephone number");

    @Test
    void aSpringBootExecutableJarIsValidatedAsShipped() throws IOException {
        Path jar = shipped("shop.jar");
        try (JarFile boot = new JarFile(jar.toFile())) {
            assertThat(boot.getEntry("BOOT-INF/classes/com/acme/shop/Customer.class")).isNotNull();
            assertThat(boot.getEntry("BOOT-INF/lib/acme-common.jar")).isNotNull();
        }
        assertThat(validate(jar)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @Test
    void aWarIsValidatedAsShipped() throws IOException {
        Path war = shipped("shop.war");
        try (JarFile web = new JarFile(war.toFile())) {
            assertThat(web.getEntry("WEB-INF/classes/com/acme/shop/Customer.class")).isNotNull();
            assertThat(web.getEntry("WEB-INF/lib/acme-common.jar")).isNotNull();
        }
        assertThat(validate(war)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }
}
