package io.rowsweep.core.internal.control;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.exec.JobIdentity;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.core.state.RunRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link JobControl} on the job state: each request locks the job's row, checks that it applies to
 * the run's status, and records it there and in the run's history, in one transaction; one that
 * does not apply is refused before anything is written.
 */
public final class StateJobControl implements JobControl {

    private final DataSource dataSource;
    private final String schema;

    public StateJobControl(DataSource dataSource, String stateSchema) {
        this.dataSource = dataSource;
        this.schema = stateSchema;
    }

    private enum Action { PAUSE, RESUME, CANCEL }

    @Override
    public JobRecord pause(String job) {
        return request(job, Action.PAUSE);
    }

    @Override
    public JobRecord resume(String job) {
        return request(job, Action.RESUME);
    }

    @Override
    public JobRecord cancel(String job) {
        return request(job, Action.CANCEL);
    }

    @Override
    public List<JobRecord> jobs() {
        return read((c, store) -> store.listJobs(c), List.of());
    }

    @Override
    public Optional<JobRecord> job(String job) {
        return read((c, store) -> store.findJob(c, job), Optional.empty());
    }

    @Override
    public List<RunRecord> history(String job) {
        return read((c, store) -> store.runs(c, job), List.of());
    }

    private interface Read<T> {
        T on(Connection c, JobStore store) throws SQLException;
    }

    /** {@code read} on a connection of its own; {@code none} when no run created the state tables yet. */
    private <T> T read(Read<T> read, T none) {
        try (Connection c = Connections.borrow(dataSource)) {
            c.setAutoCommit(true);
            JobStore store = new JobStore(Dialects.detect(c), schema);
            return store.tablesExist(c) ? read.on(c, store) : none;
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    private JobRecord request(String name, Action action) {
        if (name == null || name.isBlank()) {
            throw RowSweepException.usage("Name the job to " + verb(action) + " (--job NAME).");
        }
        try (Connection c = Connections.borrow(dataSource)) {
            c.setAutoCommit(true);
            JobStore store = new JobStore(Dialects.detect(c), schema);
            if (!store.tablesExist(c)) {
                throw RowSweepException.usage("No job named '" + name + "' to " + verb(action) + ": there are no rowsweep jobs in "
                        + place() + " yet. Check the connection" + (schema == null ? " (and --state-schema, if the job used one)." : "."));
            }
            c.setAutoCommit(false);
            store.ensureTables(c); // state tables of an earlier version: the run history and request column
            try {
                store.lockJob(c, name);
                Optional<JobRecord> found = store.findJob(c, name);
                if (found.isEmpty()) {
                    List<JobRecord> known = store.listJobs(c);
                    throw RowSweepException.usage("No job named '" + name + "' to " + verb(action) + " in " + place() + ". "
                            + (known.isEmpty() ? "There are no jobs." : "Known jobs: "
                            + known.stream().map(JobRecord::name).collect(Collectors.joining(", ")) + "."));
                }
                JobRecord job = found.get();
                refuseIfNotApplicable(job, action);
                long now = System.currentTimeMillis();
                String by = JobIdentity.user() + "@" + JobIdentity.host();
                switch (action) {
                    case PAUSE -> store.request(c, name, ControlRequest.PAUSE, JobStatus.RUNNING);
                    case RESUME -> store.request(c, name, null, JobStatus.RUNNING);
                    case CANCEL -> store.request(c, name, ControlRequest.CANCEL, job.status());
                }
                store.recordRequest(c, name, job.run(), action.name(), by,
                        action == Action.CANCEL ? job.status() : JobStatus.RUNNING, now);
                c.commit();
                return store.findJob(c, name).orElseThrow();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    /** Refuses a request that does not apply to the run as it stands, saying what does. */
    private static void refuseIfNotApplicable(JobRecord job, Action action) {
        String name = job.name();
        JobStatus status = job.status();
        ControlRequest requested = job.requested();
        boolean live = status == JobStatus.RUNNING || status == JobStatus.PAUSED;
        boolean pausing = status == JobStatus.PAUSED || requested == ControlRequest.PAUSE;
        if (live && requested == ControlRequest.CANCEL) {
            throw RowSweepException.usage("Job '" + name + "' is being cancelled (its processes finish their running chunks);"
                    + " it cannot be " + past(action) + ".");
        }
        String where = describe(job);
        if (status == JobStatus.DONE || status == JobStatus.CANCELLED) {
            throw RowSweepException.usage("Job '" + name + "' is " + where + ": its run is over, there is nothing to "
                    + verb(action) + "." + (status == JobStatus.CANCELLED && action != Action.CANCEL
                    ? " Its progress is kept: re-run the command that started it to resume it." : ""));
        }
        if (!live) {
            throw RowSweepException.usage("Job '" + name + "' is " + where + ": no process runs it, so there is nothing to "
                    + verb(action) + ". Its progress is saved: re-run the command that started it to resume it, or pass --restart"
                    + " to discard it.");
        }
        if (action == Action.PAUSE && pausing) {
            throw RowSweepException.usage("Job '" + name + "' is " + (status == JobStatus.PAUSED ? "paused" : "pausing")
                    + " already. Resume it with: rowsweep resume --job " + name);
        }
        if (action == Action.RESUME && !pausing) {
            throw RowSweepException.usage("Job '" + name + "' is not paused (it is " + where + "), so there is nothing to resume."
                    + " Pause it with: rowsweep pause --job " + name);
        }
    }

    /** {@code done, run 2 started 2026-01-01T10:00:00Z by host:123}. */
    private static String describe(JobRecord job) {
        return job.status().name().toLowerCase(Locale.ROOT) + ", run " + job.run() + " started " + Instant.ofEpochMilli(job.startedAt())
                + (job.owner() == null ? "" : " by " + job.owner());
    }

    private String place() {
        return schema == null ? "this database" : "schema " + schema;
    }

    private static String verb(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    private static String past(Action action) {
        return switch (action) {
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case CANCEL -> "cancelled again";
        };
    }
}
