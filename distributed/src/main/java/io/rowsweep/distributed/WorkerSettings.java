package io.rowsweep.distributed;

import io.rowsweep.core.Setting;
import io.rowsweep.core.SweepSettings;

import java.time.Duration;
import java.util.List;

/**
 * The settings of a worker ({@code rowsweep worker}), each with the same name as a {@link Worker}
 * method, a CLI flag and a {@code ROWSWEEP_*} environment variable. Everything else (chunk time,
 * retries, on-error, heartbeat interval...) a worker takes from the process that started the run,
 * so every process of a run works alike.
 */
public final class WorkerSettings {

    /** Default: 1 min. */
    public static final Setting<Duration> JOIN_TIMEOUT = Setting.duration("join-timeout", Duration.ofMinutes(1), Duration.ZERO,
            "How long a worker waits for the job to be started (or resumed) with --distributed before it gives up. Default: 1m.");

    /** What a worker can be given: the job, its workers, the state schema, the join timeout. */
    public static final List<Setting<?>> ALL = List.of(SweepSettings.JOB, SweepSettings.WORKERS, SweepSettings.STATE_SCHEMA, JOIN_TIMEOUT);

    private WorkerSettings() {
    }
}
