package io.rowsweep.junit.internal;

import io.rowsweep.RowSweep;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.junit.ValidRows;
import io.rowsweep.validation.Validation;
import io.rowsweep.validation.ValidationSummary;
import io.rowsweep.validation.ViolationFormat;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One check of a {@link ValidRows} test: validates the rows with rowsweep's public API, keeping
 * the job state in an in-memory H2 database of its own (the test database gets no rowsweep_
 * tables) and the violations in a file, then turns what was found into a test failure.
 */
public final class RowCheck {

    private static final Logger LOG = LoggerFactory.getLogger(RowCheck.class);

    /** Prefix of the classpath resource form of {@link ValidRows#rules()}. */
    static final String CLASSPATH_PREFIX = "classpath:";

    private RowCheck() {
    }

    /**
     * Validates the rows of the database {@code find} finds, as {@code spec} says. The annotation
     * is checked first, so a mistake in it is reported as such whatever the database.
     *
     * @param testClass the annotated class (for messages and classpath resources)
     * @param when      when the check runs, for the message: {@code after CustomerTest}, {@code after savesCustomer()}
     * @throws AssertionFailedError            when rows are invalid, an entity could not be checked, or the run failed
     * @throws ExtensionConfigurationException when the annotation or the database cannot work, naming the fix
     */
    public static void check(ValidRows spec, Class<?> testClass, String when, Supplier<FoundDatabase> find) {
        checkSpec(spec, testClass);
        Path folder = createFolder();
        String stateUrl = "jdbc:h2:mem:rowsweep-junit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Path out = spec.out().isEmpty() ? folder.resolve("violations.jsonl") : Paths.get(spec.out());
        try {
            Path rules = spec.rules().isEmpty() ? null : rulesFile(spec.rules(), testClass, folder);
            try (FoundDatabase database = find.get()) {
                run(database, spec, testClass, when, rules, stateUrl, out);
            }
        } finally {
            shutDown(stateUrl);
            deleteQuietly(folder);
        }
    }

    private static void run(FoundDatabase database, ValidRows spec, Class<?> testClass, String when, Path rules, String stateUrl,
                            Path out) {
        try {
            Validation validation = RowSweep.validate(database.dataSource()).workers(spec.workers()).stateUrl(stateUrl)
                    .violationsTo(out).format(ViolationFormat.JSONL);
            validation = rules != null ? validation.rules(rules) : entitiesOf(validation, spec);
            if (spec.tables().length > 0) {
                validation = validation.tables(spec.tables());
            }
            if (spec.exclude().length > 0) {
                validation = validation.exclude(spec.exclude());
            }
            if (!spec.naming().isEmpty()) {
                validation = validation.naming(spec.naming());
            }
            LOG.info("@ValidRows {}: validating the rows of {}", when, database.origin());
            ValidationSummary summary = validation.run();
            Optional<String> failure = FailureMessage.of(summary, when, spec, database.origin());
            if (failure.isPresent()) {
                throw new AssertionFailedError(failure.get());
            }
            LOG.info("@ValidRows {}: {} rows in {} tables valid", when, summary.rowsChecked(), summary.tables().size());
        } catch (RowSweepException e) {
            throw new ExtensionConfigurationException("@ValidRows on " + testClass.getName() + " could not validate "
                    + database.origin() + ": " + e.getMessage(), e);
        }
    }

    private static void checkSpec(ValidRows spec, Class<?> testClass) {
        String on = "@ValidRows on " + testClass.getName();
        boolean entities = spec.entities().length > 0 || spec.packages().length > 0;
        if (!entities && spec.rules().isEmpty()) {
            throw new ExtensionConfigurationException(on + " has no rules to validate against. Give entity classes"
                    + " (entities = Customer.class), packages to scan (packages = \"com.acme.model\") or a rules file"
                    + " (rules = \"classpath:rules.yaml\").");
        }
        if (entities && !spec.rules().isEmpty()) {
            throw new ExtensionConfigurationException(on + " has both entities and a rules file; validate with one of them"
                    + " (two @ValidRows test classes can check both).");
        }
        if (spec.maxViolations() < 1) {
            throw new ExtensionConfigurationException(on + ": maxViolations = " + spec.maxViolations() + "; it must be 1 or more.");
        }
        if (spec.workers() < 1) {
            throw new ExtensionConfigurationException(on + ": workers = " + spec.workers() + "; it must be 1 or more.");
        }
    }

    private static Validation entitiesOf(Validation validation, ValidRows spec) {
        if (spec.packages().length == 0) {
            return validation.entities(spec.entities());
        } else {
            // scanned packages and named classes are loaded together, from the test's own class path
            List<String> names = new ArrayList<>(Arrays.asList(spec.packages()));
            Arrays.stream(spec.entities()).map(Class::getName).forEach(names::add);
            return validation.entities((String) null, names.toArray(String[]::new));
        }
    }

    /** The rules file: a path as given, or a classpath resource (copied out when it is inside a jar). */
    static Path rulesFile(String rules, Class<?> testClass, Path folder) {
        if (!rules.startsWith(CLASSPATH_PREFIX)) {
            Path path = Paths.get(rules).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new ExtensionConfigurationException("@ValidRows on " + testClass.getName() + ": the rules file " + path
                        + " does not exist (a relative path is read from the working directory, under Maven the module's folder)."
                        + " Fix the path, or name a resource on the test class path with rules = \"classpath:NAME\".");
            }
            return path;
        }
        String name = rules.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
        ClassLoader loader = testClass.getClassLoader();
        URL url = loader == null ? null : loader.getResource(name);
        if (url == null) {
            throw new ExtensionConfigurationException("@ValidRows on " + testClass.getName() + ": there is no resource " + name
                    + " on the test class path. Put the rules file in src/test/resources/" + name + ", or give a file path"
                    + " (rules = \"src/test/rules.yaml\").");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Paths.get(url.toURI());
            }
            Path copy = folder.resolve(Paths.get(name).getFileName().toString());
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException | URISyntaxException e) {
            throw new ExtensionConfigurationException("@ValidRows on " + testClass.getName() + ": cannot read the rules file " + url
                    + ": " + e, e);
        }
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory("rowsweep-junit-");
        } catch (IOException e) {
            throw new UncheckedIOException("@ValidRows cannot create a temporary folder for its violations file", e);
        }
    }

    /** Drops the in-memory state database; it has served its one run. */
    private static void shutDown(String stateUrl) {
        try (Connection c = DriverManager.getConnection(stateUrl); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.debug("Could not shut down the check's state database {}", stateUrl, e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", folder, e);
        }
    }
}
