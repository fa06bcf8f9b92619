package io.rowsweep.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Flags, values and connection problems a person gets wrong: exit 2 and one clear line, never a stack trace. */
class CliUsageTest {

    @TempDir
    Path dir;

    private static void assertOneLineError(Cli.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        String first = r.err().lines().findFirst().orElse("");
        assertThat(first).as(r.toString()).startsWith("rowsweep: ").contains(fragments);
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().lines().filter(l -> l.startsWith("rowsweep:")).count()).as(r.toString()).isEqualTo(1);
        assertThat(r.log()).as(r.toString()).isEmpty();
    }

    @Test
    void withoutACommandPrintsTheOverviewAndExits2() {
        Cli.Result r = Cli.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: rowsweep", "status", "Exit codes:");
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        assertThat(Cli.run("--version").out()).startsWith("rowsweep ");
        Cli.Result help = Cli.run("status", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--url=JDBC_URL", "--job=JOB", "--state-schema", "ROWSWEEP_STATE_SCHEMA", "--quiet", "--config");
        assertThat(Cli.run("status", "--version").out()).startsWith("rowsweep ");
        Cli.Result settings = Cli.run("sweep-test", "--help");
        assertThat(settings.out()).contains("--workers=N", "--chunk-time=DURATION", "--on-error=stop|skip-chunk", "--restart",
                "ROWSWEEP_MAX_ROWS_PER_SECOND", "Default: 1s, and 200ms for updates", "--latency-guard=auto|on|off");
    }

    @Test
    void unknownFlag() {
        Cli.Result r = Cli.run("status", "--wokers", "4");
        assertOneLineError(r, "Unknown option", "--wokers");
        assertThat(r.err()).contains("Try 'rowsweep status --help'");
    }

    @Test
    void badSettingValuesNameTheSetting() {
        assertOneLineError(Cli.run("sweep-test", "--table", "t", "--workers", "-1"), "--workers must be between 0 and 1024, got -1");
        assertOneLineError(Cli.run("sweep-test", "--table", "t", "--chunk-time", "fast"),
                "--chunk-time: 'fast' is not a valid duration");
        assertOneLineError(Cli.run("sweep-test", "--table", "t", "--on-error", "retry"), "--on-error: 'retry' is not a valid value",
                "stop, skip-chunk");
    }

    @Test
    void badValuesFromTheEnvironmentNameTheVariable() {
        Cli.Result r = Cli.run(Map.of("ROWSWEEP_WORKERS", "-1", "ROWSWEEP_URL", "jdbc:h2:mem:unused"), "sweep-test", "--table", "t");
        assertOneLineError(r, "ROWSWEEP_WORKERS must be between 0 and 1024, got -1");
    }

    @Test
    void propertiesFileUnknownKeysAndBadValuesAreNamed() throws IOException {
        Path file = dir.resolve("rowsweep.properties");
        Files.writeString(file, "url=jdbc:h2:mem:unused\nwokers=4\n");
        assertOneLineError(Cli.run("status", "--config", file.toString()), "unknown setting 'wokers'", "did you mean 'workers'?");

        Files.writeString(file, "url=jdbc:h2:mem:unused\nchunk-time=soon\n");
        assertOneLineError(Cli.run("sweep-test", "--table", "t", "--config", file.toString()),
                file + ": chunk-time: 'soon' is not a valid duration");

        assertOneLineError(Cli.run("status", "--config", dir.resolve("missing.properties").toString()), "missing.properties: no such file");
    }

    @Test
    void missingUrl() {
        assertOneLineError(Cli.run("status"), "No database given", "--url", "ROWSWEEP_URL");
    }

    @Test
    void malformedUrls() {
        assertOneLineError(Cli.run("status", "--url", "postgres://localhost/shop"), "is not a JDBC URL", "jdbc:postgresql://");
        assertOneLineError(Cli.run("status", "--url", "jdbc:oracle:thin:@db:1521/x"), "no JDBC driver accepts this URL");
        assertOneLineError(Cli.run(Map.of("ROWSWEEP_URL", "jdbc:nosuch://x"), "status"), "ROWSWEEP_URL 'jdbc:nosuch://x'");
    }

    @Test
    void unreachableDatabase() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertOneLineError(Cli.run("status", "--url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/shop"),
                "Cannot connect to the database jdbc:postgresql://127.0.0.1:" + closedPort + "/shop");
        assertOneLineError(Cli.run("status", "--url", "jdbc:mariadb://127.0.0.1:" + closedPort + "/shop"), "Cannot connect");
    }

    @Test
    void passwordsNeverShowInErrors() {
        Cli.Result r = Cli.run(Map.of("ROWSWEEP_PASSWORD", "s3cret"), "status", "--url", "jdbc:nosuch://x?password=hunter2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("hunter2").doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void quietAndVerboseContradict() {
        assertOneLineError(Cli.run("-q", "status", "-v"), "--quiet and --verbose");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result r = Cli.run("status", "-v", "--url", "postgres://x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rowsweep: ", "\tat ");
    }
}
