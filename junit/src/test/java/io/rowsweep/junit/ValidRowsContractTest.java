package io.rowsweep.junit;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ValidRows} promises, on every database: a sample test class fails naming the
 * planted row (table, key, property, message) and passes once the row is fixed, whichever way it
 * gives the database; bad configurations fail with a message naming the fix.
 */
abstract class ValidRowsContractTest {

    abstract DatabaseKind kind();

    @BeforeEach
    void createCustomers() {
        Samples.database = TestDatabases.newSchema(kind());
        Samples.database.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100), email VARCHAR(100))",
                "INSERT INTO customer (id, name, email) VALUES (1, 'Ada', 'ada@example.com')",
                "INSERT INTO customer (id, name, email) VALUES (3, 'Grace', 'grace@example.com')");
    }

    @AfterEach
    void dropCustomers() {
        if (Samples.database != null) { // null when the database is not available and the test was skipped
            Samples.database.close();
            Samples.database = null;
        }
    }

    private static void plantInvalidEmail() {
        Samples.insert(2, "Linus", "not-an-email");
    }

    private static void fixInvalidEmail() {
        Samples.database.execute("UPDATE customer SET email = 'linus@example.com' WHERE id = 2");
    }

    private static final String PLANTED = "table customer, key {\"id\":2}, property email: must be a well-formed email address"
            + " (Email, value \"not-an-email\")";

    @Test
    void entitiesAfterTheClassFailNamingThePlantedRowAndPassOnceItIsFixed() {
        plantInvalidEmail();
        EngineExecutionResults failed = SampleRuns.run(Samples.EntitiesAfterAll.class);
        failed.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        failed.containerEvents().assertStatistics(s -> s.failed(1));
        assertThat(Samples.database.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + Samples.database.name() + "' AND table_name LIKE 'rowsweep%'")).as("rowsweep_ tables in the test database").isZero();
        assertThat(SampleRuns.failures(failed)).singleElement().asString()
                .startsWith("AssertionFailedError: @ValidRows after EntitiesAfterAll: 1 invalid row (customer: 1), 3 rows checked"
                        + " in method OnTestSchema.dataSource():")
                .contains(PLANTED);

        fixInvalidEmail();
        EngineExecutionResults passed = SampleRuns.run(Samples.EntitiesAfterAll.class);
        assertThat(SampleRuns.failures(passed)).isEmpty();
        passed.testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void rulesFileAfterEachTestFailsTheTestThatLeftTheInvalidRow() {
        // the first test leaves valid rows: its check passes; the second leaves a blank name: its check fails it
        EngineExecutionResults results = SampleRuns.run(Samples.RulesAfterEach.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(results.testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactly("savesACustomerWithoutAName()");
        assertThat(SampleRuns.failures(results)).singleElement().asString()
                .contains("@ValidRows after RulesAfterEach.savesACustomerWithoutAName(): 1 invalid row (customer: 1), 4 rows checked"
                        + " in field RulesAfterEach.dataSource:")
                .contains("table customer, key {\"id\":11}, column name: must not be blank (NotBlank, value \" \")");
    }

    @Test
    void theSpringContextsDataSourceBeanIsValidated() {
        failsNamingThePlantedRowUntilItIsFixed(Samples.SpringContext.class, "the Spring context's DataSource bean 'dataSource'");
    }

    @Test
    void aTestcontainersStyleContainerFieldIsFoundWithoutAnAnnotation() {
        failsNamingThePlantedRowUntilItIsFixed(Samples.ContainerField.class, "field ContainerField.container");
    }

    @Test
    void entitiesAreFoundByScanningPackages() {
        failsNamingThePlantedRowUntilItIsFixed(Samples.ScannedPackage.class, "method OnTestSchema.dataSource()");
    }

    @Test
    void anEntityThatCannotBeCheckedFailsTheClassEvenWhenEveryRowIsValid() {
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.EntityWithoutTable.class))).singleElement().asString()
                .contains("every row checked is valid (2 rows in method OnTestSchema.dataSource()), but not every entity could be checked:")
                .contains("not checked: Ghost (ghost): ").contains("(or leave it out: exclude = \"Ghost\").");
    }

    @Test
    void outKeepsEveryViolationWhileTheMessageListsTheFirst() throws IOException {
        plantInvalidEmail();
        Samples.insert(4, "Ken", "@");
        String failure = SampleRuns.failures(SampleRuns.run(Samples.KeptViolations.class)).get(0);
        Path kept = Paths.get(Samples.KeptViolations.OUT).toAbsolutePath();
        assertThat(failure).contains("... and 1 more violation (maxViolations = 1; all in " + kept + ")");
        assertThat(Files.readAllLines(kept)).hasSize(2).allMatch(line -> line.startsWith("{\"table\":\"customer\""));
    }

    @Test
    void aNestedClassIsCheckedOnceWithItsEnclosingClass() {
        plantInvalidEmail();
        EngineExecutionResults results = SampleRuns.run(Samples.WithNestedClass.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SampleRuns.failures(results)).singleElement().asString().startsWith("AssertionFailedError: @ValidRows after"
                + " WithNestedClass: ").contains(PLANTED);
    }

    private static void failsNamingThePlantedRowUntilItIsFixed(Class<?> sample, String origin) {
        plantInvalidEmail();
        assertThat(SampleRuns.failures(SampleRuns.run(sample))).singleElement().asString()
                .contains("3 rows checked in " + origin + ":").contains(PLANTED);
        fixInvalidEmail();
        assertThat(SampleRuns.failures(SampleRuns.run(sample))).isEmpty();
    }

    @Test
    void theUrlPropertyIsValidatedAndTheFirstViolationsListed() {
        plantInvalidEmail();
        Samples.insert(4, " ", "ok@example.com");
        Samples.insert(5, "Ken", "@");
        Samples.insert(6, "Dennis", "no");
        System.setProperty("rowsweep.url", Samples.database.url());
        try {
            String failure = SampleRuns.failures(SampleRuns.run(Samples.UrlProperty.class)).get(0);
            assertThat(failure).contains("4 invalid rows (customer: 4), 6 rows checked in system property rowsweep.url:")
                    .contains("... and 2 more violations (maxViolations = 2; out = \"target/violations.jsonl\" keeps them all)");
            assertThat(failure.lines().filter(l -> l.startsWith("  table customer, key "))).hasSize(2);
        } finally {
            System.clearProperty("rowsweep.url");
        }
    }

    @Test
    void anUnknownTableIsAConfigurationErrorNamingTheFix() {
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.UnknownTable.class))).singleElement().asString()
                .startsWith("ExtensionConfigurationException: @ValidRows on " + Samples.UnknownTable.class.getName()
                        + " could not validate method OnTestSchema.dataSource(): ")
                .contains("'no_such_table'").contains("customer").contains("Fix the table name");
    }

    @Test
    void aMalformedRulesFileIsAConfigurationErrorNamingTheFile() {
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.MalformedRules.class))).singleElement().asString()
                .startsWith("ExtensionConfigurationException: @ValidRows on " + Samples.MalformedRules.class.getName())
                .contains("malformed-rules.yaml");
    }
}
