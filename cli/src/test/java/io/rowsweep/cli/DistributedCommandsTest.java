package io.rowsweep.cli;

import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code update --distributed} in this process and {@code rowsweep worker} in another JVM share one
 * job: every row is updated exactly once, both exit 0, and {@code status} lists both processes.
 */
class DistributedCommandsTest {

    @Test
    void aWorkerProcessJoinsADistributedUpdate() throws Exception {
        try (TestSchema db = TestDatabases.newSchema(DatabaseKind.POSTGRES)) {
            db.execute("CREATE TABLE counted (id BIGINT PRIMARY KEY, counter INT NOT NULL DEFAULT 0)");
            db.execute("INSERT INTO counted SELECT g.i, 0 FROM " + db.series(200_000));
            ChildJvm worker = ChildJvm.start(RowSweepCli.class, List.of("-Xmx256m"), "worker", "--url", db.url(), "--job", "shared",
                    "--workers", "1", "--join-timeout", "60s", "-q");
            Cli.Result planner = Cli.run("update", "--url", db.url(), "--table", "counted", "--set", "counter = counter + 1",
                    "--job", "shared", "--distributed", "--workers", "1", "--max-chunk-rows", "5000", "-q");
            int workerExit = worker.waitFor(180);
            String workerOutput = worker.output();
            worker.cleanUp();
            assertThat(planner.exitCode()).as(planner.toString()).isZero();
            assertThat(workerExit).as(workerOutput).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM counted WHERE counter <> 1")).isZero();
            Cli.Result status = Cli.run("status", "--url", db.url(), "--job", "shared");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out()).contains("Processes:").contains("planner").contains("worker");
            // Both processes did chunks: the worker's row in the registry counts some.
            assertThat(db.queryLong("SELECT count(*) FROM rowsweep_worker WHERE job_name = 'shared' AND chunks_done > 0")).isEqualTo(2);
        }
    }
}
