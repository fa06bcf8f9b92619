package io.rowsweep.core.state;

/**
 * One run of a job in {@code rowsweep_run}, its history: kept after later runs of the job
 * ({@code --restart}, {@code --again}), for audits. Times are epoch millis.
 *
 * @param run          the run's number (the job's {@link JobRecord#run()} while it is the current one)
 * @param settings     the engine settings it was started with that were set explicitly, as a JSON object
 * @param startedBy    the operating system user of the process that started it
 * @param startedHost  the host of that process
 * @param status       where it stands: RUNNING, PAUSED, DONE, FAILED, STOPPED or CANCELLED
 * @param rows         rows its done chunks processed, as of its end (0 while it runs)
 * @param chunksDone   chunks done, as of its end
 * @param chunksFailed chunks failed for good, as of its end
 * @param finishedAt   when it was done or cancelled; null otherwise
 * @param lastRequest  the last control request: PAUSE, RESUME or CANCEL; null if none
 * @param requestedBy  who made it ({@code user@host})
 * @param requestedAt  when
 */
public record RunRecord(String job, int run, String kind, String spec, String settings, String startedBy, String startedHost,
                        JobStatus status, long rows, long chunksDone, long chunksFailed, long startedAt, Long finishedAt,
                        String lastRequest, String requestedBy, Long requestedAt) {

    /** The parameters the run was started with, by name, as text; empty for a job without parameters. They are part of its spec. */
    public java.util.Map<String, String> parameters() {
        return SpecParameters.of(spec);
    }
}
