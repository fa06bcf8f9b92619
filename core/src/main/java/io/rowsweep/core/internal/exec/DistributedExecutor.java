package io.rowsweep.core.internal.exec;

import io.rowsweep.core.QueuedRun;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.spi.job.SweepJob;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Runs a job shared with other processes (the {@code distributed} setting). The engine finds the
 * implementation with {@link ServiceLoader}, so the core does not depend on the module that
 * provides it ({@code rowsweep-distributed}).
 */
public interface DistributedExecutor {

    /**
     * Checks, before anything is written, that other processes can rebuild {@code job} from its
     * spec (through {@link SweepJobFactory}); throws a configuration error saying why not.
     */
    void checkShareable(SweepJob<?> job, DataSource dataSource);

    /**
     * Queues the run's chunks for every process that joins it, works on them with this process's
     * workers (none: it only watches), and returns once the job has no work left or this process stops.
     */
    RunStatus execute(ClusterRun run);

    /**
     * Records a run of {@code job} for other processes to run ({@link ClusterRun#register}) and
     * queues its planner, in the transaction of {@code c}, which the caller commits (or rolls
     * back: then nothing was queued); returns at once. The job state's tables are created first,
     * if missing, on a connection of {@code dataSource}.
     */
    QueuedRun queue(Connection c, DataSource dataSource, SweepJob<?> job, SettingValues settings, Clock clock);

    /** The implementation on the class path; a usage error saying what to add when there is none. */
    static DistributedExecutor load() {
        Iterator<DistributedExecutor> found = ServiceLoader.load(DistributedExecutor.class, DistributedExecutor.class.getClassLoader())
                .iterator();
        if (!found.hasNext()) {
            throw RowSweepException.usage("--distributed needs the rowsweep-distributed module (io.rowsweep:rowsweep-distributed),"
                    + " which is not on the class path. Add it, or run without --distributed.");
        }
        return found.next();
    }
}
