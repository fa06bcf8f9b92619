package io.rowsweep.core.internal.exec;

import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.OnError;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;

import java.time.Duration;

/**
 * The engine's settings ({@link SweepSettings}), read once from the merged setting values when a
 * session starts and typed, so the engine reads fields instead of looking names up in a map.
 * The components are the settings of the same names; see there for their meaning.
 */
public record RunSettings(int workers,
                          Duration chunkTime,
                          int minChunkRows,
                          int maxChunkRows,
                          int initialChunkRows,
                          int fetchSize,
                          String stateSchema,
                          String stateUrl,
                          String job,
                          boolean restart,
                          long maxRowsPerSecond,
                          Duration pauseBetweenChunks,
                          LatencyGuard latencyGuard,
                          String replicas,
                          Duration maxReplicaLag,
                          int maxLoad,
                          int criticalLoad,
                          OnError onError,
                          Duration retryDeadline,
                          Duration lockTimeout,
                          int connectionHeadroom,
                          boolean distributed,
                          Duration heartbeatInterval) {

    /** The values {@code settings} holds (each given, or its default). */
    public static RunSettings of(SettingValues settings) {
        return new RunSettings(settings.get(SweepSettings.WORKERS),
                settings.get(SweepSettings.CHUNK_TIME),
                settings.get(SweepSettings.MIN_CHUNK_ROWS),
                settings.get(SweepSettings.MAX_CHUNK_ROWS),
                settings.get(SweepSettings.INITIAL_CHUNK_ROWS),
                settings.get(SweepSettings.FETCH_SIZE),
                settings.get(SweepSettings.STATE_SCHEMA),
                settings.get(SweepSettings.STATE_URL),
                settings.get(SweepSettings.JOB),
                settings.get(SweepSettings.RESTART),
                settings.get(SweepSettings.MAX_ROWS_PER_SECOND),
                settings.get(SweepSettings.PAUSE_BETWEEN_CHUNKS),
                settings.get(SweepSettings.LATENCY_GUARD),
                settings.get(SweepSettings.REPLICAS),
                settings.get(SweepSettings.MAX_REPLICA_LAG),
                settings.get(SweepSettings.MAX_LOAD),
                settings.get(SweepSettings.CRITICAL_LOAD),
                settings.get(SweepSettings.ON_ERROR),
                settings.get(SweepSettings.RETRY_DEADLINE),
                settings.get(SweepSettings.LOCK_TIMEOUT),
                settings.get(SweepSettings.CONNECTION_HEADROOM),
                settings.get(SweepSettings.DISTRIBUTED),
                settings.get(SweepSettings.HEARTBEAT_INTERVAL));
    }
}
