package io.rowsweep.update;

import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.TableSummary;

import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an update run: the engine's {@link RunSummary} (rows, chunks, failures, counted
 * from the job state, so a resumed run includes what earlier runs did), the rows changed per
 * table, and for a dry run the rows that would change and a sample of the changes.
 *
 * @param rowsChanged per table, rows updated or deleted (a dry run: rows that would be)
 * @param samples     dry run in Java mode: the first changes found (at most {@link Update#SAMPLE_SIZE}); else empty
 */
public record UpdateSummary(RunSummary run, boolean dryRun, Map<String, Long> rowsChanged, List<RowChange> samples) {

    public UpdateSummary {
        rowsChanged = Collections.unmodifiableMap(new LinkedHashMap<>(rowsChanged));
        samples = List.copyOf(samples);
    }

    static UpdateSummary of(RunSummary run, boolean dryRun, List<RowChange> samples) {
        Map<String, Long> changed = new LinkedHashMap<>();
        for (TableSummary t : run.tables()) {
            changed.put(t.table(), t.affected());
        }
        return new UpdateSummary(run, dryRun, changed, samples);
    }

    public RunStatus status() {
        return run.status();
    }

    /** Rows updated or deleted over all tables (a dry run: rows that would be). */
    public long totalRowsChanged() {
        return rowsChanged.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The process exit code for this outcome: 0 done (or already done), 3 failed (some chunks
     * failed, or the database stayed away), 130 stopped (re-running the job resumes it).
     */
    public int exitCode() {
        return run.status().exitCode();
    }

    /** A few lines for people: what changed, and what to do next when the run did not finish. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        String verb = dryRun ? "would change" : "changed";
        String job = "'" + run.job() + "'";
        if (run.status() == RunStatus.ALREADY_DONE) {
            return b.append("Job ").append(job).append(" already completed at ").append(run.completedAt().truncatedTo(ChronoUnit.SECONDS))
                    .append(" (run ").append(run.run()).append(", ").append(totalRowsChanged()).append(" rows ").append(verb)
                    .append("); nothing was changed now. Pass --again to apply it once more.").toString();
        }
        rowsChanged.forEach((table, rows) -> b.append(table).append(": ").append(rows).append(" rows ").append(verb).append('\n'));
        for (RowChange sample : samples) {
            b.append("  ").append(sample).append('\n');
        }
        switch (run.status()) {
            case CANCELLED:
                b.append("Cancelled; progress is saved. Re-run the same command (job ").append(job).append(") to resume, or pass"
                        + " --restart to discard it.");
                break;
            case STOPPED:
                b.append("Stopped; progress is saved. Re-run the same command (job ").append(job).append(") to resume.");
                break;
            case FAILED:
                b.append(run.failures().size()).append(" chunks failed");
                run.failures().stream().findFirst().ifPresent(f -> b.append(", first: ").append(f.table()).append(f.range())
                        .append(": ").append(f.error()));
                b.append(". Fix the cause and re-run the same command (job ").append(job).append("): it redoes only the failed chunks.");
                break;
            default:
                b.append("Done: job ").append(job).append(", ").append(run.rows()).append(" rows in ")
                        .append(run.elapsed().toMillis()).append(" ms.");
        }
        return b.toString();
    }
}
