package io.rowsweep.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.List;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs a sample test class with the Jupiter engine, as a build would, and reads what failed. */
final class SampleRuns {

    private SampleRuns() {
    }

    static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
    }

    /**
     * The messages of every failure (tests' and the class's), in the order they happened; also
     * printed, so the test's output shows what a user would see.
     */
    static List<String> failures(EngineExecutionResults results) {
        List<String> failures = results.allEvents().failed().stream().map(SampleRuns::throwable).flatMap(Optional::stream)
                .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).toList();
        failures.forEach(System.out::println);
        return failures;
    }

    private static Optional<Throwable> throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
    }
}
