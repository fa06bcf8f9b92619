package io.rowsweep.spring;

import io.rowsweep.core.Progress;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A run of a declared job in this application, as it stands: running (with its latest progress),
 * or ended (with its summary, or the error that ended it).
 *
 * @param progress the latest progress snapshot; null until the run has planned its tables
 * @param summary  null while running, and when the run ended with an error
 * @param violations a validate run's violations file, once it ended with a summary; else null
 * @param error    why the run ended without a summary (a configuration problem, the database gone); else null
 * @param parameters the values of the job's parameters it was started with, as text, in declaration order; empty for none
 */
public record JobRun(String job, RowSweepJob.Kind kind, Instant startedAt, Instant endedAt, Progress progress, RunSummary summary,
                     Path violations, String error, Map<String, String> parameters) {

    /** Whether the run is still going. */
    public boolean running() {
        return endedAt == null;
    }

    /** Whether the run ended in failure: an error, or chunks that failed. */
    public boolean failed() {
        return !running() && (error != null || summary == null || summary.status() == RunStatus.FAILED || !summary.failures().isEmpty());
    }

    /**
     * {@code running}, or how it ended: {@code done}, {@code failed}, {@code stopped}, {@code cancelled}, {@code already-done},
     * {@code error}.
     */
    public String state() {
        if (running()) {
            return "running";
        }
        if (summary == null) {
            return "error";
        }
        return summary.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
