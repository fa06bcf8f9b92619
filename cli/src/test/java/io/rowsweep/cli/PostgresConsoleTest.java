package io.rowsweep.cli;

import io.rowsweep.report.Console;
import io.rowsweep.report.ConsoleServer;
import io.rowsweep.testkit.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresConsoleTest extends ConsoleContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Test
    void aDatabaseThatCannotBeReachedIsSaidOnThePageAndTheConsoleKeepsServing() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");
        console.close();
        console = ConsoleServer.start(Console.of(nowhere).withErrors(e -> new IllegalStateException("cannot connect: " + e.getMessage())),
                "127.0.0.1", 0);

        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("Cannot read the job state", "cannot connect: ");
        assertThat(get("/jobs/x").statusCode()).as("still serving").isEqualTo(503);
    }

    @Test
    void theCommandRefusesADatabaseItCannotReachWithOneLine() {
        Cli.Result r = Cli.run("console", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--port", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("127.0.0.1:1");
    }
}
