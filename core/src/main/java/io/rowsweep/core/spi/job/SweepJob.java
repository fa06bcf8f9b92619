package io.rowsweep.core.spi.job;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * What a job (validate, update) tells the engine: its identity and, per table, the work to do on
 * each chunk. The engine does the rest: planning, workers, retries, checkpoints, progress.
 *
 * @param <O> the output of its chunks ({@link ChunkOutcome#output()}), kept by its {@link #sink()}
 */
public interface SweepJob<O> {

    /** {@code validate} or {@code update}. */
    String kind();

    /**
     * Canonical JSON of everything that decides what the job does (tables, rules, SQL, fix class),
     * but not how fast (workers, chunk time). Its hash identifies the job across runs.
     */
    String spec();

    /**
     * What the job does to which tables, once they are resolved: its hash names the job when the
     * user gives no name and tells whether a saved job is this one. Default: {@link #spec()}. A
     * job that writes returns the resolved tables and its SQL with its spelling normalised, so
     * {@code t} and {@code public.t}, {@code v=v+1} and {@code v = v + 1} are one job.
     *
     * @param resolved the table each of {@link #tables()} names
     */
    default String identity(Dialect dialect, Function<String, Table> resolved) {
        return spec();
    }

    /** The tables, as the user named them. */
    List<String> tables();

    /**
     * The table {@code label} names, when the job resolved it against the database as it was
     * planned (moments before the run), else null and the engine resolves it. Each is given once:
     * a later run resolves its tables afresh.
     */
    default Table resolved(String label) {
        return null;
    }

    /**
     * Prepares the work on one table: binds columns, checks the configuration against the real
     * table. Runs before anything is written, on the coordinator's connection; configuration
     * problems throw {@link io.rowsweep.core.RowSweepException} with a message naming the culprit.
     *
     * @return one task for the table's rows, plus any set-based checks to chunk separately
     */
    List<SweepTask<O>> prepare(Table table, Connection connection, Dialect dialect) throws SQLException;

    /**
     * Whether re-running a job that already completed starts a new run (validate, a dry run:
     * doing it again is harmless) or is answered as already done (update: doing it again would
     * apply it twice, so that takes {@link #again()}).
     */
    boolean rerunsWhenFinished();

    /**
     * Whether the user asked for a new run of a job that completed (update's {@code again}); such
     * a job that has not completed is refused rather than resumed, as the user meant another run.
     */
    default boolean again() {
        return false;
    }

    /** Keeps the chunks' output, durable together with their checkpoints (see {@link ChunkSink}). Default: keeps nothing. */
    default ChunkSink<O> sink() {
        return ChunkSink.none();
    }

    /**
     * Called once per run by the process that starts or resumes it, after the job state is set up
     * and before any chunk runs, on a connection whose transaction the caller commits: creates and
     * clears what the job keeps in the database beside the job state (e.g. a violations table in
     * {@code stateSchema}, emptied for a new run).
     *
     * @param stateSchema the job state's schema, or null for the connection's current one
     * @param resumed     whether the run continues an interrupted one (keep its output)
     */
    default void setUpRun(Connection connection, Dialect dialect, String stateSchema, String job, boolean resumed) throws SQLException {
    }

    /**
     * Called once the job state is known and before workers start, in every process that runs
     * chunks of the job: {@code resumed} tells whether
     * chunks of an earlier run are done, and {@code publishedUpTo} is the largest sink position a
     * done chunk recorded (-1 if none), so a sink can drop output of chunks that never committed.
     */
    default void beforeRun(boolean resumed, long publishedUpTo) {
    }

    /** Called after the workers stopped, successful or not; release what {@link #beforeRun} opened. */
    default void afterRun() {
    }
}
