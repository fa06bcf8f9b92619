package io.rowsweep.core.internal.exec;

import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.spi.Dialect;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Everything a run needs once it is set up, shared by the threads that run its chunks. */
record RunContext(String job, Dialect dialect, JobStore store, SweepJob sweepJob, ChunkScheduler scheduler,
                  ProgressTracker tracker, StopSignal stop, SettingValues settings, Clock clock, DataSource dataSource,
                  List<ProgressListener> listeners, RateLimiter limiter, Duration chunkTime) {
}
