package io.rowsweep.core.internal.exec;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.spi.job.SweepJob;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/**
 * Runs a {@link SweepJob}: resolves its tables, sets up or resumes its job state, and runs N
 * workers, each with its own connection, over one queue of key-range chunks until every chunk is
 * done, a chunk fails with on-error=stop, or the run is stopped. With the {@code distributed}
 * setting, the chunks are shared with other processes through a {@link DistributedExecutor}.
 */
public final class SweepEngine {

    private final DataSource dataSource;
    private final SettingValues settings;
    private final List<ProgressListener> listeners;
    private final Clock clock;
    private final StopSignal stop = new StopSignal();
    private volatile JobSession session;

    public SweepEngine(DataSource dataSource, SettingValues settings, List<ProgressListener> listeners, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** Asks the run to stop gracefully: running chunks finish, no new ones start. A second call aborts them. */
    public void requestStop() {
        stop.requestStop();
    }

    /** The current progress, or null before the run has planned its tables. */
    public Progress progress() {
        JobSession s = session;
        return s == null ? null : s.progress();
    }

    public RunSummary run(SweepJob<?> job) {
        int workers = settings.get(SweepSettings.WORKERS);
        boolean distributed = settings.get(SweepSettings.DISTRIBUTED);
        checkSettings(workers, distributed);
        DistributedExecutor executor = distributed ? DistributedExecutor.load() : null;
        if (executor != null) {
            executor.checkShareable(job, dataSource);
        }
        try (JobSession s = JobSession.start(dataSource, settings, listeners, clock, job, stop)) {
            if (s.alreadyDone() != null) {
                return s.alreadyDone();
            }
            session = s;
            s.startReporting(true);
            RunStatus status = executor != null ? executor.execute(s) : s.runLocal(s.workers());
            return s.finish(status);
        }
    }

    private void checkSettings(int workers, boolean distributed) {
        int min = settings.get(SweepSettings.MIN_CHUNK_ROWS);
        int max = settings.get(SweepSettings.MAX_CHUNK_ROWS);
        if (min > max) {
            throw RowSweepException.usage("min-chunk-rows (" + min + ") is larger than max-chunk-rows (" + max + "); lower one or raise the other.");
        }
        if (workers == 0 && !distributed) {
            throw RowSweepException.usage("workers is 0: nothing would run the chunks. Give at least 1 worker, or add --distributed"
                    + " to plan and watch while other processes work.");
        }
        if (dataSource instanceof HikariDataSource) {
            int pool = ((HikariDataSource) dataSource).getMaximumPoolSize();
            int extra = distributed ? SweepSettings.EXTRA_CONNECTIONS : 1;
            if (pool < workers + extra) {
                throw RowSweepException.usage("The connection pool holds at most " + pool + " connections, but " + workers
                        + " workers need " + (workers + extra) + " (one each, plus " + extra + " to coordinate). Raise maximumPoolSize"
                        + " or lower workers.");
            }
        }
    }
}
