package io.rowsweep.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.bench.internal.CpuHeavyFix;
import io.rowsweep.bench.internal.WorkerProcess;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark: throughput of a distributed update with a deliberately CPU-heavy per-row fix
 * ({@link CpuHeavyFix}) as worker processes are added, one worker thread each. The starting
 * process only watches; throughput is rows over the time the workers worked (first chunk started
 * to last chunk finished, from the job state), so JVM start-up does not count. Rounds alternate
 * between the process counts, on the same table, so drifting machine load hits all alike.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -cp "bench/target/classes:$(cat bench/target/classpath.txt)"
 * io.rowsweep.bench.DistributedScaling [rows] [rounds] [max processes]} (defaults 30000, 3, 2). Runs on the local
 * PostgreSQL (a fresh schema, dropped at the end). On a machine with N cores, the work scales to
 * about N processes, until the database (here: the same machine) becomes the bottleneck.
 */
public final class DistributedScaling {

    private DistributedScaling() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int maxProcesses = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        try (TestSchema db = TestDatabases.newSchema(DatabaseKind.POSTGRES); HikariDataSource pool = db.dataSource(4)) {
            db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, body VARCHAR(200) NOT NULL, digest VARCHAR(64))",
                    "INSERT INTO posts (id, body) SELECT g.i, repeat(md5(g.i::text), 3) FROM " + db.series(rows));
            double[][] rates = new double[maxProcesses + 1][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int processes = 1; processes <= maxProcesses; processes++) {
                    String job = "bench-" + round + "-" + processes;
                    rates[processes][round] = run(db, pool, job, processes, rows);
                    System.out.printf(Locale.ROOT, "round %d, %d worker process(es): %,.0f rows/s%n", round + 1, processes,
                            rates[processes][round]);
                }
            }
            System.out.printf(Locale.ROOT, "%nCPU-heavy fix (%d SHA-256 rounds per row), %,d rows, %d cores, PostgreSQL on the same"
                    + " machine%n", CpuHeavyFix.ROUNDS, rows, Runtime.getRuntime().availableProcessors());
            double base = best(rates[1]);
            for (int processes = 1; processes <= maxProcesses; processes++) {
                StringBuilder perRound = new StringBuilder();
                for (int round = 0; round < rounds; round++) {
                    perRound.append(String.format(Locale.ROOT, " %.2fx", rates[processes][round] / rates[1][round]));
                }
                System.out.printf(Locale.ROOT, "%d process(es): best %,.0f rows/s = %.2fx one process's best; per round, against one"
                        + " process in the same round:%s%n", processes, best(rates[processes]), best(rates[processes]) / base, perRound);
            }
        }
    }

    private static double run(TestSchema db, HikariDataSource pool, String job, int processes, int rows) throws Exception {
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<UpdateSummary> started = starter.submit(() -> Update.of(pool).table("posts").fix(null, CpuHeavyFix.class.getName())
                .job(job).distributed(true).workers(0)
                // How compute scales with processes: the guard would slow the run down for the database's sake.
                .latencyGuard(LatencyGuard.OFF).run());
        // Workers start once the run is queued, so they join it together rather than whenever each next looks for it.
        while (!registered(db, job)) {
            Thread.sleep(20);
        }
        List<ChildJvm> workers = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            workers.add(ChildJvm.start(WorkerProcess.class, List.of("-Xmx256m"), db.url(), job, "1"));
        }
        try {
            UpdateSummary summary = started.get();
            for (ChildJvm w : workers) {
                if (w.waitFor(120) != 0) {
                    throw new IllegalStateException("worker failed:\n" + w.output());
                }
            }
            if (summary.run().rows() != rows) {
                throw new IllegalStateException("expected " + rows + " rows, the run did " + summary.run().rows());
            }
            long millis = db.queryLong("SELECT max(finished_at) - min(started_at) FROM rowsweep_chunk WHERE job_name = '" + job + "'");
            long busy = db.queryLong("SELECT sum(finished_at - started_at) FROM rowsweep_chunk WHERE job_name = '" + job + "'");
            System.out.printf(Locale.ROOT, "  %s: %d chunks in %d ms; workers busy with chunks %.0f%% of the time%n", job,
                    db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + job + "'"), millis,
                    100.0 * busy / millis / processes);
            return rows * 1000.0 / millis;
        } finally {
            workers.forEach(ChildJvm::cleanUp);
            starter.shutdown();
        }
    }

    private static boolean registered(TestSchema db, String job) {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_worker WHERE job_name = '" + job + "'") > 0;
        } catch (IllegalStateException noTableYet) {
            return false;
        }
    }

    private static double best(double[] rates) {
        double best = 0;
        for (double r : rates) {
            best = Math.max(best, r);
        }
        return best;
    }
}
