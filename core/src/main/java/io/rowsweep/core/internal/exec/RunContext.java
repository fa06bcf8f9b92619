package io.rowsweep.core.internal.exec;

import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepJob;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything a run needs once it is set up, shared by the threads that run its chunks.
 *
 * @param state           where the job state is kept ({@code store} works on its connections)
 * @param networkTimeout  how long a statement may wait for the database ({@link Connections#networkTimeout})
 * @param workerConnections the connections the workers hold now
 */
record RunContext(String job, Dialect dialect, JobStore store, StateLocation state, SweepJob<Object> sweepJob, ChunkScheduler scheduler,
                  ProgressTracker tracker, StopSignal stop, RunSettings config, Clock clock, DataSource dataSource,
                  List<ProgressListener> listeners, RateLimiter limiter, Duration chunkTime, Duration networkTimeout,
                  Set<Connection> workerConnections) {

    /**
     * Closes every worker's connection at once, whatever it is waiting for: when the database
     * stopped answering for longer than the retry deadline, a worker that began a statement just
     * before then would otherwise wait out one more network timeout.
     */
    void abandonWorkerConnections() {
        for (Connection c : workerConnections) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                // closing anyway
            }
        }
    }
}
