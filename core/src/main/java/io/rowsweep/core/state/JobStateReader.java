package io.rowsweep.core.state;

import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.state.JobStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the job state (the {@code rowsweep_job}, {@code rowsweep_table}, {@code rowsweep_chunk}
 * and {@code rowsweep_run} tables) without changing it: which jobs there are, where each stands,
 * its chunks and their errors, and the history of its runs. For status pages, build tools and
 * audits; every process of every run writes there, so it shows runs started anywhere. To pause,
 * resume or cancel a run: {@link io.rowsweep.core.control.JobControl}.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *     JobStateReader state = JobStateReader.of(c, null);
 *     for (JobRecord job : state.jobs()) {
 *         System.out.println(job.name() + " " + job.status());
 *     }
 * }
 * }</pre>
 */
public final class JobStateReader {

    private final Connection connection;
    private final JobStore store;

    private JobStateReader(Connection connection, JobStore store) {
        this.connection = connection;
        this.store = store;
    }

    /**
     * A reader on {@code connection} (which it neither commits nor closes).
     *
     * @param stateSchema the schema of the state tables, or null for the connection's current one ({@code --state-schema})
     */
    public static JobStateReader of(Connection connection, String stateSchema) throws SQLException {
        return new JobStateReader(connection, new JobStore(Dialects.detect(connection), stateSchema));
    }

    /** Whether the state tables exist: false until a first run created them. */
    public boolean exists() {
        return store.tablesExist(connection);
    }

    /** Every job, the most recently started first. */
    public List<JobRecord> jobs() throws SQLException {
        return store.listJobs(connection);
    }

    /** The job named {@code name}, if there is one. */
    public Optional<JobRecord> job(String name) throws SQLException {
        return store.findJob(connection, name);
    }

    /** The job's tables (and set-based checks) in planning order, each with how far its chunks were planned. */
    public List<TableCursorRecord> tables(String job) throws SQLException {
        return store.readCursors(connection, job);
    }

    /** The job's runs, the latest first, each with who started it, its spec, settings, outcome and times. */
    public List<RunRecord> history(String job) throws SQLException {
        return store.runs(connection, job);
    }

    /** Every job's runs, the most recently started first. */
    public List<RunRecord> runs() throws SQLException {
        return store.runs(connection, null);
    }

    /**
     * The problems the job's done chunks found, by table, column and kind (a validation's
     * violations by constraint), the most frequent first, each with at most {@code samples}
     * example rows. Exact for every done chunk; reads one row per chunk that found problems.
     */
    public List<ProblemGroup> problemGroups(String job, int samples) throws SQLException {
        return store.problemGroups(connection, job, samples);
    }

    /** The job's chunks of its current run, by table and number: status, counts, timings, worker, error. */
    public List<ChunkRecord> chunks(String job) throws SQLException {
        return store.chunks(connection, job);
    }
}
