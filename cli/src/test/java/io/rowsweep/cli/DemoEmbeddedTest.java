package io.rowsweep.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rowsweep demo} as a newcomer runs it: no database given, so it starts an embedded PostgreSQL. */
class DemoEmbeddedTest {

    @Test
    void demoNeedsNoDatabase(@TempDir Path dir) {
        Cli.Result r = Cli.run(Map.of(), "demo", "--scale", "0.01", "--workers", "2", "--dir", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Starting an embedded PostgreSQL").contains("matches SQL").contains("yes").doesNotContain(" NO");
        assertThat(dir.resolve("report.html")).exists();
    }
}
