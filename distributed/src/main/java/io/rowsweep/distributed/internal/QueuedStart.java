package io.rowsweep.distributed.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import io.rowsweep.core.QueuedRun;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.exec.ClusterRun;
import io.rowsweep.core.internal.exec.Connections;
import io.rowsweep.core.internal.exec.JobIdentity;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.distributed.WorkerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Queues a distributed run without running or watching it (a schema migration's backfill): the
 * run is recorded and its planner queued in the caller's transaction, so it exists exactly when
 * that transaction commits, and whoever runs workers of the job plans and runs its chunks.
 */
final class QueuedStart {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedStart.class);
    /** What a connection lent to db-scheduler must not do to the caller's transaction. */
    private static final Set<String> CALLERS_OWN = Set.of("close", "commit", "rollback", "setAutoCommit");

    private QueuedStart() {
    }

    static QueuedRun queue(Connection c, DataSource dataSource, SweepJob<?> job, SettingValues settings, Clock clock) {
        String schema = settings.get(SweepSettings.STATE_SCHEMA);
        ensureTables(dataSource, schema);
        try {
            ClusterRun.Registered r = ClusterRun.register(c, dataSource, settings, clock, job);
            if (r.alreadyDone()) {
                LOG.info("Job '{}' already completed (run {}); nothing queued", r.job(), r.run());
                return new QueuedRun(r.job(), r.run(), QueuedRun.State.ALREADY_DONE);
            }
            Dialect dialect = r.dialect();
            WorkerRegistry registry = new WorkerRegistry(dialect, schema);
            SchedulerTable.deleteTasks(c, dialect, schema, ChunkQueue.earlierRuns(r.job(), r.run()));
            registry.deleteOtherRuns(c, r.job(), r.run());
            // The run's settings, where joining workers read them; recorded as a planner that left at once.
            String process = JobIdentity.processId();
            long now = clock.millis();
            WorkerRegistry.Member member = new WorkerRegistry.Member(r.job(), r.run(),
                    process + ":q" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000)),
                    process.substring(0, process.lastIndexOf(':')), ProcessHandle.current().pid(), WorkerInfo.Role.PLANNER, 0,
                    settings.get(SweepSettings.HEARTBEAT_INTERVAL).toMillis());
            registry.register(c, member, SharedSettings.encode(settings), now);
            registry.leave(c, member, now, 0, 0);
            new ChunkQueue(r.job(), r.run()).schedulePlanner(client(c, dialect, schema));
            LOG.info("Job '{}' run {} {}: workers of the job run it (rowsweep worker --job {})", r.job(), r.run(),
                    r.resumed() ? "resumed" : "queued", r.job());
            return new QueuedRun(r.job(), r.run(), r.resumed() ? QueuedRun.State.RESUMED : QueuedRun.State.QUEUED);
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    /**
     * Creates the job state's tables if missing, on a connection of its own: creating them on the
     * caller's would commit its transaction (MySQL/MariaDB) or mix rowsweep's setup into it.
     */
    private static void ensureTables(DataSource dataSource, String schema) {
        try (Connection own = Connections.borrow(dataSource)) {
            own.setAutoCommit(false);
            Dialect dialect = Dialects.detect(own);
            new JobStore(dialect, schema).ensureTables(own);
            SchedulerTable.ensure(own, dialect, schema);
            new WorkerRegistry(dialect, schema).ensure(own);
            own.commit();
        } catch (SQLException e) {
            throw Connections.describe(e, dataSource);
        }
    }

    /** A db-scheduler client writing on {@code c}, in its transaction: the connection it gets is never closed, committed or rolled back. */
    private static SchedulerClient client(Connection c, Dialect dialect, String schema) {
        Connection lent = (Connection) Proxy.newProxyInstance(QueuedStart.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (CALLERS_OWN.contains(method.getName())) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DataSource single = new LentConnection(lent);
        return SchedulerClient.Builder.create(single, List.of()).tableName(SchedulerTable.qualified(dialect, schema))
                .serializer(ChunkQueue.TEXT).jdbcCustomization(new AutodetectJdbcCustomization(single, true)).build();
    }

    /** Hands out the one connection it was given. */
    private record LentConnection(Connection connection) implements DataSource {
        @Override
        public Connection getConnection() {
            return connection;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return connection;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
