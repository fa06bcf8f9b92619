package io.rowsweep.bench.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.bench.ConnectionSettings;
import io.rowsweep.bench.Contender;
import io.rowsweep.bench.ContenderResult;

/**
 * One contender run in a JVM of its own, as a user would run it: {@code ForkedRun <contender
 * class> <workers>}, the connection in the environment ({@code ROWSWEEP_BENCH_URL}, {@code _USER},
 * {@code _PASSWORD}). Prints one result line on stdout, everything else goes to stderr.
 */
public final class ForkedRun {

    /**
     * Starts the result line: rows, invalid rows, nanoseconds of the run, peak RSS in bytes (-1 if unknown), CPU
     * nanoseconds of the process so far (-1 if unknown).
     */
    public static final String RESULT = "rowsweep-bench-result";

    private ForkedRun() {
    }

    public static void main(String[] args) throws Exception {
        Contender contender = (Contender) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        int workers = Integer.parseInt(args[1]);
        ConnectionSettings connection = ConnectionSettings.fromEnvironment();
        try (HikariDataSource pool = connection.pool(workers + 2, "bench-" + contender.name())) {
            long start = System.nanoTime();
            ContenderResult result = contender.run(pool, workers);
            long nanos = System.nanoTime() - start;
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
            System.out.println(RESULT + " " + result.rows() + " " + result.invalidRows() + " " + nanos + " " + ProcessStats.peakRss("self") + " " + cpu);
        }
        // Contenders may leave non-daemon threads behind (a framework's pools): the run is over.
        System.exit(0);
    }
}
