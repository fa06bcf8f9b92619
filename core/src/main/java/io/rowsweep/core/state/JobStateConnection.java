package io.rowsweep.core.state;

import io.rowsweep.core.internal.exec.StateLocation;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection to where the runs against a target database keep their job state, to read it with
 * a {@link JobStateReader}: the target itself, the {@code state-url} database when one is given, or
 * this machine's local file of the target (where a validation of a target that is read-only for its
 * user keeps its state). What {@code rowsweep status}, the console and the run report read.
 *
 * <pre>{@code
 * try (Connection target = dataSource.getConnection();
 *      JobStateConnection state = JobStateConnection.open(target, null, null, "nightly-check")) {
 *     state.reader().job("nightly-check").ifPresent(job -> System.out.println(job.status()));
 * }
 * }</pre>
 *
 * <p>Closing it closes what it opened, never the target's connection.
 */
public final class JobStateConnection implements AutoCloseable {

    /** Null when the state is in the target. */
    private final StateLocation elsewhere;
    private final Connection connection;
    private final String schema;

    private JobStateConnection(StateLocation elsewhere, Connection connection, String schema) {
        this.elsewhere = elsewhere;
        this.connection = connection;
        this.schema = schema;
    }

    /**
     * The job state of {@code job} (of any job when null) that runs against the target {@code target}
     * is connected to left: the {@code stateUrl} database when given; else the target when it has
     * the job (or, without a job, any state); else this machine's local file of the target when
     * there is one; else the target.
     *
     * @param stateUrl    the runs' {@code state-url}, or null
     * @param stateSchema the runs' {@code state-schema}, or null
     */
    public static JobStateConnection open(Connection target, String stateUrl, String stateSchema, String job) throws SQLException {
        StateLocation elsewhere = StateLocation.forReading(target, stateUrl, stateSchema, job);
        if (elsewhere == null) {
            return new JobStateConnection(null, target, stateSchema);
        }
        try {
            return new JobStateConnection(elsewhere, elsewhere.source().getConnection(), elsewhere.schema());
        } catch (SQLException | RuntimeException e) {
            elsewhere.close();
            throw e;
        }
    }

    /** A reader of the job state on {@link #connection()}. */
    public JobStateReader reader() throws SQLException {
        return JobStateReader.of(connection, schema);
    }

    /** The connection to the job state: the target's own when {@link #inTarget()}. */
    public Connection connection() {
        return connection;
    }

    /** The schema of the state tables there, or null for the connection's current one. */
    public String schema() {
        return schema;
    }

    /** Whether the state is in the target database (then a distributed run's workers are there too). */
    public boolean inTarget() {
        return elsewhere == null;
    }

    /** Where the state is, for messages: "the target database", a URL (credentials masked) or a file. */
    public String where() {
        return elsewhere == null ? "the target database" : elsewhere.where();
    }

    /** Closes the connection and pool it opened elsewhere; the target's connection stays open. */
    @Override
    public void close() throws SQLException {
        if (elsewhere != null) {
            try {
                connection.close();
            } finally {
                elsewhere.close();
            }
        }
    }
}
