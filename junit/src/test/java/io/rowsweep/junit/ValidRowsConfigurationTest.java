package io.rowsweep.junit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Configurations that cannot work fail the sample class with one message that names the fix, before any database is asked. */
class ValidRowsConfigurationTest {

    @Test
    void noDatabaseNamesEveryWayToGiveOne() {
        assumeTrue(System.getenv("ROWSWEEP_URL") == null, "ROWSWEEP_URL is set: it would be the database");
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.NoDatabase.class))).singleElement().asString()
                .isEqualTo("ExtensionConfigurationException: @ValidRows on " + Samples.NoDatabase.class.getName() + ": found no database"
                        + " to validate. Give it one: a field or no-argument method annotated @ValidRowsDataSource (a DataSource, a"
                        + " JDBC URL or a Testcontainers JDBC container; static when checked after the class), a field of type"
                        + " DataSource, a DataSource bean in the test's Spring context, @ValidRows(url = \"jdbc:...\"), or the system"
                        + " property rowsweep.url or environment variable ROWSWEEP_URL.");
    }

    @Test
    void anInstanceFieldAfterTheClassSaysToMakeItStatic() {
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.InstanceFieldAfterAll.class))).singleElement().asString()
                .contains(Samples.InstanceFieldAfterAll.class.getName() + ": field InstanceFieldAfterAll.dataSource belongs to a test"
                        + " instance, and there is none after the class."
                        + " Make it static, or check after each test (@ValidRows(when = AFTER_EACH)), or give the class"
                        + " @TestInstance(PER_CLASS).");
    }

    @Test
    void noRulesSaysWhatToGive() {
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.NoRules.class))).singleElement().asString()
                .contains("has no rules to validate against. Give entity classes (entities = Customer.class), packages to scan");
    }

    @Test
    void aMissingRulesFileIsNamedWithItsFullPath() {
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.MissingRulesFile.class))).singleElement().asString()
                .contains("the rules file " + java.nio.file.Paths.get("src/test/no-such-rules.yaml").toAbsolutePath() + " does not exist")
                .contains("rules = \"classpath:NAME\"");
    }

    @Test
    void aDatabaseThatDoesNotAnswerFailsWithOneClearMessage() {
        assertThat(SampleRuns.failures(SampleRuns.run(Samples.WrongUrl.class))).singleElement().asString()
                .startsWith("ExtensionConfigurationException: @ValidRows on " + Samples.WrongUrl.class.getName()
                        + ": cannot connect to the database of @ValidRows(url): ")
                .contains("127.0.0.1:1").contains("refused")
                .endsWith("Check that it runs, that the URL is right and that its JDBC driver is on the test class path.");
    }
}
