package io.rowsweep.distributed.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.ClusterRun;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepJobFactory;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.distributed.WorkerInfo;
import io.rowsweep.distributed.WorkerSettings;
import io.rowsweep.distributed.WorkerSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A worker joining a distributed run: waits for the run, rebuilds its job from the spec in the
 * job state, and takes part in it with the run's settings.
 */
public final class JoinedRun {

    private static final Logger LOG = LoggerFactory.getLogger(JoinedRun.class);
    private static final Duration LOOK_INTERVAL = Duration.ofMillis(500);

    private JoinedRun() {
    }

    /** What the job state says about joining the job now. */
    private record Look(JobRecord job, String settings, String notJoinable) {
    }

    public static WorkerSummary run(DataSource dataSource, SettingValues own, List<ProgressListener> listeners, Clock clock) {
        String name = own.get(SweepSettings.JOB);
        String schema = own.get(SweepSettings.STATE_SCHEMA);
        int workers = own.get(SweepSettings.WORKERS);
        if (dataSource instanceof HikariDataSource) {
            int pool = ((HikariDataSource) dataSource).getMaximumPoolSize();
            int need = workers + SweepSettings.EXTRA_CONNECTIONS;
            if (pool < need) {
                throw RowSweepException.usage("The connection pool holds at most " + pool + " connections, but a worker with " + workers
                        + " workers needs " + need + ". Raise maximumPoolSize or lower workers.");
            }
        }
        Look look = await(dataSource, name, schema, own.get(WorkerSettings.JOIN_TIMEOUT));
        JobRecord record = look.job();
        if (record.status() == JobStatus.DONE) {
            LOG.info("Job '{}' has completed; nothing to do", name);
            return new WorkerSummary(new RunSummary(name, record.run(), record.kind(), RunStatus.ALREADY_DONE, false, clock.instant(),
                    Duration.ZERO, 0, List.of(), List.of()), 0, 0);
        }
        SettingValues values = SharedSettings.decode(look.settings(), own.with(SweepSettings.DISTRIBUTED, true));
        SweepJob job = SweepJobFactory.rebuild(record.kind(), record.spec(), dataSource);
        if (!job.spec().equals(record.spec())) {
            job.afterRun();
            throw RowSweepException.configuration("Job '" + name + "' rebuilt here from its spec is not the job that was started"
                    + " (spec " + job.spec() + " instead of " + record.spec() + "). Run the same rowsweep version on every host.");
        }
        try (ClusterRun cluster = ClusterRun.join(dataSource, values, listeners, clock, job, record, workers)) {
            WorkerRegistry registry = new WorkerRegistry(cluster.dialect(), schema);
            ClusterMember member = new ClusterMember(cluster, registry, WorkerInfo.Role.WORKER, workers, null);
            RunSummary summary = cluster.end(member.run());
            return new WorkerSummary(summary, member.chunksDone(), member.rowsDone());
        }
    }

    /**
     * Returns at once when the job completed; runs its remaining chunks here when it is running
     * (as a worker, until it has no work left); throws a {@code RUN_FAILED} error when it failed,
     * was stopped, or does not end done, and a {@code CONFIGURATION} error when there is no such job.
     */
    public static WorkerSummary ensureFinished(DataSource dataSource, SettingValues own, List<ProgressListener> listeners, Clock clock) {
        String name = own.get(SweepSettings.JOB);
        String schema = own.get(SweepSettings.STATE_SCHEMA);
        Look look = look(dataSource, name, schema);
        JobRecord record = look.job();
        if (record == null) {
            throw RowSweepException.configuration("There is no job named '" + name + "'" + (schema == null ? "" : " in schema " + schema)
                    + " to finish: it was never queued (is the migration that queues it applied?), or the name or the state schema"
                    + " differs from the queueing one's. Check the job name and the state schema.");
        }
        if (record.status() == JobStatus.DONE) {
            LOG.info("Job '{}' has completed; nothing to do", name);
            return new WorkerSummary(new RunSummary(name, record.run(), record.kind(), RunStatus.ALREADY_DONE, false, clock.instant(),
                    Duration.ZERO, 0, List.of(), List.of()), 0, 0);
        }
        if (record.status() == JobStatus.FAILED || record.status() == JobStatus.STOPPED) {
            throw new RowSweepException(ErrorCode.RUN_FAILED, "Job '" + name + "' " + (record.status() == JobStatus.FAILED ? "failed"
                    : "was stopped") + " (run " + record.run() + ")" + firstFailure(dataSource, schema, name) + ". " + RESUME_ADVICE);
        }
        if (look.notJoinable() != null) {
            throw new RowSweepException(ErrorCode.RUN_FAILED, "Job '" + name + "' is not finished: " + look.notJoinable() + ".");
        }
        if (record.status() == JobStatus.PAUSED || record.requested() != null) {
            // Joining would wait for someone to resume it: a migration (or an application's start) would hang until then.
            String asked = record.requested() == ControlRequest.CANCEL ? "being cancelled" : "paused";
            throw new RowSweepException(ErrorCode.RUN_FAILED, "Job '" + name + "' is " + asked + " (rowsweep " + (asked.equals("paused")
                    ? "pause" : "cancel") + "), so it cannot be finished now. Resume it (rowsweep resume --job " + name
                    + ", or JobControl.resume) or let the cancel end, queue it again, and run this again.");
        }
        WorkerSummary summary = run(dataSource, own, listeners, clock);
        RunStatus status = summary.run().status();
        if (status != RunStatus.DONE && status != RunStatus.ALREADY_DONE) {
            String failure = summary.run().failures().isEmpty() ? "" : "; first failed chunk: " + summary.run().failures().get(0).error();
            throw new RowSweepException(status == RunStatus.STOPPED ? ErrorCode.INTERRUPTED : ErrorCode.RUN_FAILED, "Job '" + name
                    + "' did not finish here: it " + (status == RunStatus.STOPPED ? "was stopped" : "failed") + failure + ". "
                    + RESUME_ADVICE);
        }
        return summary;
    }

    private static final String RESUME_ADVICE = "Fix the cause, resume the job (queue the same update again, which queues its failed"
            + " chunks again, or run the update with --distributed), then run this again.";

    /** "; first failed chunk: ..." for a failed job, else nothing. */
    private static String firstFailure(DataSource dataSource, String schema, String name) {
        try (Connection c = Connections.borrow(dataSource)) {
            c.setAutoCommit(true);
            return new JobStore(Dialects.detect(c), schema).chunks(c, name).stream()
                    .filter(r -> r.status() == io.rowsweep.core.state.ChunkStatus.FAILED).findFirst()
                    .map(r -> "; first failed chunk: " + r.chunk().table() + " #" + r.chunk().number() + ": " + r.error()).orElse("");
        } catch (SQLException e) {
            return "";
        }
    }

    /** Waits until the job can be joined (or has completed); a configuration error when it cannot be joined within {@code timeout}. */
    private static Look await(DataSource dataSource, String name, String schema, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String logged = null;
        while (true) {
            Look look = look(dataSource, name, schema);
            if (look.notJoinable() == null) {
                return look;
            }
            if (System.nanoTime() - deadline > 0) {
                throw RowSweepException.configuration(look.notJoinable() + " (waited " + Setting.format(timeout) + ", --join-timeout).");
            }
            if (!look.notJoinable().equals(logged)) {
                LOG.info("{}; waiting up to {} for it", look.notJoinable(), Setting.format(timeout));
                logged = look.notJoinable();
            }
            try {
                Thread.sleep(LOOK_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RowSweepException(ErrorCode.INTERRUPTED, "Stopped while waiting for job '" + name + "'.", e);
            }
        }
    }

    private static Look look(DataSource dataSource, String name, String schema) {
        try (Connection c = Connections.borrow(dataSource)) {
            c.setAutoCommit(true);
            Dialect dialect = Dialects.detect(c);
            JobStore store = new JobStore(dialect, schema);
            String where = schema == null ? "" : " in schema " + schema;
            Optional<JobRecord> job = store.tablesExist(c) ? store.findJob(c, name) : Optional.empty();
            if (job.isEmpty()) {
                return new Look(null, null, "There is no job named '" + name + "'" + where + " yet. Start it with validate or update"
                        + " --distributed --job " + name + ", or check --job, --url and --state-schema");
            }
            JobRecord r = job.get();
            if (r.status() == JobStatus.DONE) {
                return new Look(r, null, null);
            }
            if (r.status() != JobStatus.RUNNING && r.status() != JobStatus.PAUSED) {
                return new Look(r, null, "Job '" + name + "' is " + r.status().name().toLowerCase() + ". Re-run the command that"
                        + " started it (with --distributed) to resume it");
            }
            String settings = runSettings(c, dialect, schema, r);
            if (settings == null) {
                return new Look(r, null, "Job '" + name + "' is running without --distributed (in process " + r.owner() + "), so it"
                        + " cannot be joined. Stop it and start it again with --distributed");
            }
            return new Look(r, settings, null);
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    private static String runSettings(Connection c, Dialect dialect, String schema, JobRecord job) throws SQLException {
        try {
            return new WorkerRegistry(dialect, schema).runSettings(c, job.name(), job.run());
        } catch (SQLException e) {
            if (Connections.isUnknownTable(e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The jobs a worker can join now, the most recently started first: their current run is
     * distributed (started with {@code --distributed} or queued) and has not ended.
     */
    public static List<JobRecord> joinable(DataSource dataSource, String schema) {
        try (Connection c = Connections.borrow(dataSource)) {
            c.setAutoCommit(true);
            Dialect dialect = Dialects.detect(c);
            JobStore store = new JobStore(dialect, schema);
            if (!store.tablesExist(c)) {
                return List.of();
            }
            List<JobRecord> joinable = new ArrayList<>();
            for (JobRecord r : store.listJobs(c)) {
                if ((r.status() == JobStatus.RUNNING || r.status() == JobStatus.PAUSED) && runSettings(c, dialect, schema, r) != null) {
                    joinable.add(r);
                }
            }
            return joinable;
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    /** The processes of the job's current run (see {@link io.rowsweep.distributed.Workers#list}). */
    public static List<WorkerInfo> workers(DataSource dataSource, String name, String schema) {
        try (Connection c = Connections.borrow(dataSource)) {
            c.setAutoCommit(true);
            return workers(c, name, schema);
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    /** As {@link #workers(DataSource, String, String)}, on a connection the caller holds (autocommit on). */
    public static List<WorkerInfo> workers(Connection c, String name, String schema) throws SQLException {
        Dialect dialect = Dialects.detect(c);
        JobStore store = new JobStore(dialect, schema);
        Optional<JobRecord> job = store.tablesExist(c) ? store.findJob(c, name) : Optional.empty();
        if (job.isEmpty()) {
            return List.of();
        }
        try {
            Map<String, Long> running = SchedulerTable.pickedBy(c, dialect, schema, ChunkQueue.chunkTaskName(name, job.get().run()));
            return new WorkerRegistry(dialect, schema).list(c, name, job.get().run(), System.currentTimeMillis(), running);
        } catch (SQLException e) {
            if (Connections.isUnknownTable(e)) {
                return List.of();
            }
            throw e;
        }
    }
}
