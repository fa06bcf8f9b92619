package io.rowsweep.bench;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * One way of validating every row of the seed schema, measured by the {@link BenchmarkHarness}.
 * Each run builds what it needs (validators, contexts, pools of threads) and releases it, so a
 * run costs what it would cost an application doing it once.
 */
public interface Contender {

    /** Short name used on the command line ({@code --contenders}) and in reports, e.g. {@code spring-batch}. */
    String name();

    /** One line on how it works, for the report. */
    String description();

    /**
     * Validates every row of the seed's seven tables with {@code workers} threads, each with its own
     * connection from {@code dataSource} (a pool holding at least {@code workers + 1}).
     */
    ContenderResult run(DataSource dataSource, int workers) throws Exception;

    /**
     * How a forked run starts this contender when it is a program of its own, with {@code jvmOptions} for its JVM; empty (the
     * default) runs {@link #run} in a JVM of its own.
     */
    default Optional<Launch> launch(ConnectionSettings connection, int workers, List<String> jvmOptions) {
        return Optional.empty();
    }
}
