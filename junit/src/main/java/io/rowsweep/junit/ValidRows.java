package io.rowsweep.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * After the test class (or after each test), validates every row of the test database against
 * the entity model or a rules file, and fails with the first violations, each naming its table,
 * key, property and message.
 *
 * <pre>{@code
 * @SpringBootTest
 * @ValidRows(packages = "com.acme.model")
 * class OrderServiceTest { ... }
 * }</pre>
 *
 * <p>The rows are checked exactly as {@code rowsweep validate} checks them (the same mapping,
 * Hibernate Validator, set-based unique and reference checks), but the job state is kept in an
 * in-memory database of the extension's own: the test database gets no {@code rowsweep_} tables.
 *
 * <p>The database is found in this order: {@link #url()}; a field or method of the test class
 * annotated {@link ValidRowsDataSource}; the test class's only field of type
 * {@code javax.sql.DataSource} or with a {@code getJdbcUrl()} method (a Testcontainers JDBC
 * container); the {@code DataSource} bean of the test's Spring context (when the test runs with
 * Spring's {@code SpringExtension}, e.g. {@code @SpringBootTest}); the system property
 * {@code rowsweep.url} or the environment variable {@code ROWSWEEP_URL} (with {@code rowsweep.user}
 * / {@code ROWSWEEP_USER} and {@code rowsweep.password} / {@code ROWSWEEP_PASSWORD}).
 *
 * <p>Rules come from exactly one source: {@link #entities()} and/or {@link #packages()}, or
 * {@link #rules()}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ValidRowsExtension.class)
public @interface ValidRows {

    /** When the rows are checked. */
    enum When {
        /** Once, after all tests of the class (after its {@code @AfterAll} methods); the failure is the class's. */
        AFTER_ALL,
        /** After each test (after its {@code @AfterEach} methods); the failure is the test's that left the rows. */
        AFTER_EACH
    }

    /** Entity classes whose tables are validated. Default: none. */
    Class<?>[] entities() default {};

    /** Packages scanned for {@code @Entity} classes, whose tables are validated. Default: none. */
    String[] packages() default {};

    /**
     * A YAML rules file, in the format of {@code rowsweep validate --rules}: a path (relative to the
     * working directory, the module's folder under Maven) or {@code classpath:name} for a resource.
     * Default: none.
     */
    String rules() default "";

    /** Validates only these tables. Default: every table the entities map or the rules file names. */
    String[] tables() default {};

    /** Entities (class or entity names) or tables not to validate. Default: none. */
    String[] exclude() default {};

    /**
     * How entity and field names become table and column names: {@code spring} (Spring Boot's),
     * {@code jpa} (Hibernate's defaults), or a Hibernate {@code PhysicalNamingStrategy} class name.
     * Default: empty, rowsweep's default ({@code spring}).
     */
    String naming() default "";

    /** When to check. Default: {@link When#AFTER_ALL}. */
    When when() default When.AFTER_ALL;

    /** Most violations the failure message lists; the others are counted. Default: 10. */
    int maxViolations() default 10;

    /**
     * Where to keep every violation found (JSON Lines), e.g. {@code target/violations.jsonl}.
     * Default: empty, a temporary file deleted after the check.
     */
    String out() default "";

    /**
     * Parallel workers, each with a connection of the test's {@code DataSource} (whose pool must
     * have one more). Default: 2, which leaves an application pool its connections.
     */
    int workers() default 2;

    /** JDBC URL of the database to validate. Default: empty, found as the class comment says. */
    String url() default "";

    /** User for {@link #url()}. Default: empty, the URL's. */
    String user() default "";

    /** Password for {@link #url()}. Default: empty, the URL's. */
    String password() default "";
}
