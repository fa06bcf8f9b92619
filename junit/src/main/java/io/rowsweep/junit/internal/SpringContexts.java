package io.rowsweep.junit.internal;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * The {@code DataSource} bean of a Spring test's application context. Loaded only when the test
 * runs with Spring's {@code SpringExtension}, so Spring stays an optional dependency.
 */
final class SpringContexts {

    private SpringContexts() {
    }

    static Optional<FoundDatabase> dataSource(ExtensionContext context) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        String[] names = spring.getBeanNamesForType(DataSource.class);
        if (names.length == 0) {
            return Optional.empty();
        }
        DataSource unique = spring.getBeanProvider(DataSource.class).getIfUnique();
        if (unique == null) {
            throw new ExtensionConfigurationException("The Spring context of " + context.getRequiredTestClass().getName() + " has "
                    + names.length + " DataSource beans (" + String.join(", ", names) + "). Mark the one to validate @Primary, or"
                    + " give it to @ValidRows with a static method annotated @ValidRowsDataSource.");
        }
        String name = names.length == 1 ? names[0] : "primary";
        return Optional.of(FoundDatabase.of(unique, "the Spring context's DataSource bean '" + name + "'"));
    }
}
