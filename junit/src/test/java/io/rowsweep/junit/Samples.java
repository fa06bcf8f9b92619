package io.rowsweep.junit;

import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Sample test classes, as a user writes them, that the extension's tests run with EngineTestKit.
 * Some fail on purpose: the tag keeps them out of the normal run. The database they see is the
 * running test's schema, {@link #database}.
 */
final class Samples {

    static final String TAG = "rowsweep-sample";

    /** The schema of the test that runs a sample; set before, cleared after. */
    static volatile TestSchema database;

    private Samples() {
    }

    /** A DataSource that always reaches the current {@link #database}, for Spring's cached contexts. */
    static DataSource currentDatabase() {
        return (DataSource) Proxy.newProxyInstance(Samples.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(database.dataSource(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static void insert(long id, String name, String email) {
        database.execute("INSERT INTO customer (id, name, email) VALUES (" + id + ", '" + name + "', '" + email + "')");
    }

    /** What every sample tests: nothing; the check after it is the point. */
    @Tag(TAG)
    abstract static class Sample {
        @Test
        void savesCustomers() {
        }
    }

    /** A sample whose database is the test's schema, from an annotated static method it inherits. */
    abstract static class OnTestSchema extends Sample {
        @ValidRowsDataSource
        static DataSource dataSource() {
            return database.dataSource();
        }
    }

    /** Entities, after the class, the database from an annotated static method of the superclass. */
    @ValidRows(entities = Customer.class)
    static class EntitiesAfterAll extends OnTestSchema {
    }

    /** Entities found by scanning a package (this one: Customer, Ghost), all but one excluded. */
    @ValidRows(packages = "io.rowsweep.junit", exclude = "Ghost")
    static class ScannedPackage extends OnTestSchema {
    }

    /** An entity whose table is missing: it cannot be checked. */
    @ValidRows(entities = {Customer.class, Ghost.class})
    static class EntityWithoutTable extends OnTestSchema {
    }

    /** Every violation kept in a file of the test's choosing, one listed. */
    @ValidRows(entities = Customer.class, maxViolations = 1, out = KeptViolations.OUT)
    static class KeptViolations extends OnTestSchema {
        static final String OUT = "target/rowsweep-junit-samples/violations.jsonl";
    }

    /** A @Nested class: the enclosing class's check after the class covers it, once. */
    @ValidRows(entities = Customer.class)
    static class WithNestedClass extends OnTestSchema {
        @Nested
        class Inner {
            @Test
            void savesMoreCustomers() {
            }
        }
    }

    /** A rules file from the class path, after each test, the database from an instance field of type DataSource. */
    @ValidRows(rules = "classpath:io/rowsweep/junit/customer-rules.yaml", when = ValidRows.When.AFTER_EACH)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @Tag(TAG)
    static class RulesAfterEach {
        final DataSource dataSource = database.dataSource();

        @Test
        @Order(1)
        void savesAValidCustomer() {
            insert(10, "Ada", "ada@example.com");
        }

        @Test
        @Order(2)
        void savesACustomerWithoutAName() {
            insert(11, " ", "nameless@example.com");
        }
    }

    /** The DataSource bean of a Spring test context. */
    @SpringJUnitConfig(SpringContext.Config.class)
    @ValidRows(entities = Customer.class)
    static class SpringContext extends Sample {
        @Configuration
        static class Config {
            @Bean
            DataSource dataSource() {
                return currentDatabase();
            }
        }
    }

    /** A Testcontainers-style container (anything with getJdbcUrl()) in a static field, found without an annotation. */
    @ValidRows(entities = Customer.class)
    static class ContainerField extends Sample {
        static final JdbcContainer container = new JdbcContainer();
    }

    /** What a Testcontainers JdbcDatabaseContainer offers @ValidRows. */
    static final class JdbcContainer {
        public String getJdbcUrl() {
            return database.url();
        }

        public String getUsername() {
            return null;
        }

        public String getPassword() {
            return null;
        }
    }

    /** No DataSource in the class: the rowsweep.url system property. */
    @ValidRows(entities = Customer.class, maxViolations = 2)
    static class UrlProperty extends Sample {
    }

    /** A table that does not exist. */
    @ValidRows(entities = Customer.class, tables = "no_such_table")
    static class UnknownTable extends OnTestSchema {
    }

    /** A rules file that is no valid YAML. */
    @ValidRows(rules = "classpath:io/rowsweep/junit/malformed-rules.yaml")
    static class MalformedRules extends OnTestSchema {
    }

    /** Nowhere to find a database. */
    @ValidRows(entities = Customer.class)
    static class NoDatabase extends Sample {
    }

    /** An instance field read after the class, when there is no instance. */
    @ValidRows(entities = Customer.class)
    static class InstanceFieldAfterAll extends Sample {
        final DataSource dataSource = currentDatabase();
    }

    /** Neither entities nor rules. */
    @ValidRows(url = "jdbc:postgresql://127.0.0.1:1/nowhere")
    static class NoRules extends Sample {
    }

    /** A database that does not answer. */
    @ValidRows(entities = Customer.class, url = "jdbc:postgresql://127.0.0.1:1/nowhere")
    static class WrongUrl extends Sample {
    }

    /** A rules file that is not there. */
    @ValidRows(rules = "src/test/no-such-rules.yaml", url = "jdbc:postgresql://127.0.0.1:1/nowhere")
    static class MissingRulesFile extends Sample {
    }
}
