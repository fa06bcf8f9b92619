package io.rowsweep.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A forked rowsweep run is the repository's {@code rowsweep validate}, its counts read from the summary it prints. */
class RowsweepContenderTest {

    static final String SUMMARY = String.join("\n",
            "TABLE              ROWS  INVALID ROWS  VIOLATIONS",
            "articles        496,687         3,082       3,182",
            "posts           572,000         3,547       3,662",
            "total         1,232,687         7,647       7,896",
            "done in 1.4s (873,162 rows/s, 2 workers)",
            "7896 violations in 7647 rows: /tmp/v.jsonl");

    @Test
    void launchesTheRepositorysCommandWithTheConnectionInTheEnvironment() {
        Launch launch = new RowsweepContender().launch(new ConnectionSettings("jdbc:postgresql://h/db", "u", "secret"), 2,
                List.of("-Xmx64m")).orElseThrow();
        assertThat(launch.command().get(0)).endsWith("/rowsweep");
        assertThat(launch.command().subList(1, launch.command().size())).startsWith("validate", "--classpath")
                .contains("--entities", "io.rowsweep.demo.model", "--workers", "2", "--restart").doesNotContain("secret");
        assertThat(launch.environment()).containsEntry("ROWSWEEP_URL", "jdbc:postgresql://h/db").containsEntry("ROWSWEEP_USER", "u")
                .containsEntry("ROWSWEEP_PASSWORD", "secret").containsEntry("JAVA_OPTS", "-Xmx64m");
        assertThat(launch.output().read(1, SUMMARY)).isEqualTo(new ContenderResult(1_232_687, 7_647));
    }

    @Test
    void readsTheCountsFromTheSummary() {
        assertThat(RowsweepContender.counts(1, "log lines\n" + SUMMARY)).isEqualTo(new ContenderResult(1_232_687, 7_647));
        assertThat(RowsweepContender.counts(0, SUMMARY)).isEqualTo(new ContenderResult(1_232_687, 7_647));
    }

    @Test
    void aFailedRunIsNoMeasurement() {
        assertThatThrownBy(() -> RowsweepContender.counts(3, SUMMARY)).hasMessageContaining("exited 3");
        assertThatThrownBy(() -> RowsweepContender.counts(1, "Could not connect")).hasMessageContaining("without its summary");
    }
}
