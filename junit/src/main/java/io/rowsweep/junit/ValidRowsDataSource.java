package io.rowsweep.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field or no-argument method of a {@link ValidRows} test class that gives the database
 * to validate: a {@code javax.sql.DataSource}, a JDBC URL ({@code String}), or an object with
 * {@code getJdbcUrl()}, {@code getUsername()} and {@code getPassword()} methods (a Testcontainers
 * {@code JdbcDatabaseContainer}).
 *
 * <pre>{@code
 * @ValidRows(entities = Customer.class)
 * class CustomerRepositoryTest {
 *     @ValidRowsDataSource
 *     static DataSource dataSource() { return TestDatabase.pool(); }
 * }
 * }</pre>
 *
 * <p>After the class ({@link ValidRows.When#AFTER_ALL}) there is no test instance unless the class
 * has {@code @TestInstance(PER_CLASS)}: the member must then be static.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ValidRowsDataSource {
}
