package io.rowsweep.distributed.internal;

import io.rowsweep.core.QueuedRun;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.internal.exec.ClusterRun;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.exec.DistributedExecutor;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepJobFactory;
import io.rowsweep.distributed.WorkerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The engine's distributed mode ({@code --distributed}) on db-scheduler: the process that starts
 * (or resumes) a run sets up the queue, queues the run's planner, and takes part in the run with
 * its own workers, or only watches it with none.
 */
public final class DbSchedulerExecutor implements DistributedExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(DbSchedulerExecutor.class);

    @Override
    public void checkShareable(SweepJob job, DataSource dataSource) {
        SweepJob rebuilt;
        try {
            rebuilt = SweepJobFactory.rebuild(job.kind(), job.spec(), dataSource);
        } catch (RowSweepException e) {
            throw new RowSweepException(e.code(), "This " + job.kind() + " job cannot be shared with other processes: each of them"
                    + " rebuilds it from its spec, and that fails here. " + e.getMessage()
                    + (job.kind().equals("update") ? " A fix must be a public class with a public no-argument constructor,"
                    + " given by name (--fix CLASS, with --classpath if it is not on rowsweep's class path)." : ""), e);
        }
        try {
            if (!rebuilt.spec().equals(job.spec())) {
                throw RowSweepException.configuration("This " + job.kind() + " job cannot be shared with other processes: rebuilt"
                        + " from its spec, it is a different job (spec " + rebuilt.spec() + " instead of " + job.spec() + ").");
            }
        } finally {
            rebuilt.afterRun();
        }
    }

    @Override
    public QueuedRun queue(Connection c, DataSource dataSource, SweepJob<?> job, SettingValues settings, Clock clock) {
        checkShareable(job, dataSource);
        return QueuedStart.queue(c, dataSource, job, settings, clock);
    }

    @Override
    public RunStatus execute(ClusterRun cluster) {
        WorkerRegistry registry = new WorkerRegistry(cluster.dialect(), cluster.config().stateSchema());
        try (Connection c = Connections.borrow(cluster.dataSource())) {
            c.setAutoCommit(false);
            ClusterMember.setUp(cluster, registry, c);
            int failed = cluster.requeueFailed(c);
            c.commit();
            if (failed > 0) {
                LOG.info("Job '{}': {} failed chunk(s) queued again", cluster.job(), failed);
            }
        } catch (SQLException e) {
            throw Connections.describe(e, cluster.dataSource());
        }
        ClusterMember member = new ClusterMember(cluster, registry, WorkerInfo.Role.PLANNER,
                cluster.workers(), SharedSettings.encode(cluster.settings()));
        member.schedulePlanner();
        LOG.info("Job '{}' is shared: other processes join it with  rowsweep worker --job {}", cluster.job(), cluster.job());
        return member.run().status();
    }
}
