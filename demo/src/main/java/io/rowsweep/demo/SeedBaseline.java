package io.rowsweep.demo;

import java.util.List;

/**
 * The seed's own published numbers (valid_data, Ruby, one machine of its day): wall time of 5
 * validation passes over the 1,232,687 rows, sequential and with 2, 5 and 7 forked processes.
 * Context for our results only; a different machine and a different decade.
 *
 * @param processes    1 for the sequential run
 * @param iterations   passes the time covers (the seed timed 5 passes in a row)
 * @param totalSeconds the seed's "real" column
 */
public record SeedBaseline(String run, int processes, int iterations, double totalSeconds) {

    /** The seed's 5-iteration table: 606.9 s sequential, 236.7 s with 2, 185.2 s with 5, 175.6 s with 7 processes. */
    public static final List<SeedBaseline> PUBLISHED = List.of(
            new SeedBaseline("Sequential", 1, 5, 606.937533),
            new SeedBaseline("Parallel 2x", 2, 5, 236.735275),
            new SeedBaseline("Parallel 5x", 5, 5, 185.183759),
            new SeedBaseline("Parallel 7x", 7, 5, 175.603909));

    /** Wall time of one pass over the rows. */
    public double secondsPerPass() {
        return totalSeconds / iterations;
    }

    /** Rows per second of one pass. */
    public double rowsPerSecond() {
        return SeedTable.seedTotal() / secondsPerPass();
    }
}
