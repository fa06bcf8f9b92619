package io.rowsweep.core.state;

import java.time.Duration;
import java.time.Instant;

/**
 * A job's row in {@code rowsweep_job}.
 *
 * @param run         which run of this job name (a finished job started again is run 2, ...)
 * @param owner       {@code host:pid} of the process that last ran it
 * @param heartbeatAt epoch millis of that process's last sign of life
 * @param throttle    why its latency guard slowed the run down at its last probe, or null (full speed, or no guard)
 * @param requested   a pause or cancel asked of the run that its processes have not all acted on yet, or null
 */
public record JobRecord(String name, String kind, String specHash, String spec, int run, JobStatus status,
                        String owner, long startedAt, long heartbeatAt, Long finishedAt, String throttle, ControlRequest requested) {

    /**
     * A running or paused job whose heartbeat is older than this was abandoned by its process:
     * the engine then lets another run take it over, and the status views call it dead.
     */
    public static final Duration STALE_HEARTBEAT = Duration.ofSeconds(30);

    public JobRecord(String name, String kind, String specHash, String spec, int run, JobStatus status,
                     String owner, long startedAt, long heartbeatAt, Long finishedAt, String throttle) {
        this(name, kind, specHash, spec, run, status, owner, startedAt, heartbeatAt, finishedAt, throttle, null);
    }

    public JobRecord(String name, String kind, String specHash, String spec, int run, JobStatus status,
                     String owner, long startedAt, long heartbeatAt, Long finishedAt) {
        this(name, kind, specHash, spec, run, status, owner, startedAt, heartbeatAt, finishedAt, null);
    }

    /**
     * Whether its processes are at it at {@code now}: it runs or is paused, and a process was seen
     * within {@link #STALE_HEARTBEAT}. The one rule the consoles, {@code rowsweep status} and the
     * Spring starter's start checks use.
     */
    public boolean alive(Instant now) {
        return (status == JobStatus.RUNNING || status == JobStatus.PAUSED) && now.toEpochMilli() - heartbeatAt < STALE_HEARTBEAT.toMillis();
    }

    /**
     * The parameters its current run was started with, by name, as text (a declared job's in a
     * Spring Boot application); empty for a job without parameters. They are part of its spec.
     */
    public java.util.Map<String, String> parameters() {
        return SpecParameters.of(spec);
    }
}
