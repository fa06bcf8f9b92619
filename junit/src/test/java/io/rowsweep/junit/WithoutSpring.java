package io.rowsweep.junit;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs samples in a class loader without Spring ({@link WithoutSpringTest}): the planted row is
 * found through an annotated method and a container field, and a class without a database is told
 * how to give one, with no Spring class needed.
 */
public final class WithoutSpring {

    private WithoutSpring() {
    }

    /** The failures of each sample, in order. */
    public static List<String> run() {
        Samples.database = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        try {
            Samples.database.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(100), email VARCHAR(100))");
            Samples.insert(2, "Linus", "not-an-email");
            List<String> failures = new ArrayList<>();
            for (Class<?> sample : List.of(Samples.EntitiesAfterAll.class, Samples.ContainerField.class, Samples.NoDatabase.class)) {
                failures.addAll(SampleRuns.failures(SampleRuns.run(sample)));
            }
            return failures;
        } finally {
            Samples.database.close();
            Samples.database = null;
        }
    }
}
