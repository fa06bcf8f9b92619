package io.rowsweep.validation;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a validation run: the engine's summary, what was found per table, where the
 * violations are, and what was checked.
 *
 * @param run        the engine's summary (job, status, per task rows and chunks, failures)
 * @param tables     per table, in the order validated
 * @param violations the violations file
 * @param coverage   per entity (or rules-file table): checked, or skipped and why, with the fields checked and left out
 */
public record ValidationSummary(RunSummary run, List<TableValidation> tables, Path violations, List<Coverage> coverage) {

    /** Exit code when every row is valid. */
    public static final int ALL_VALID = 0;
    /** Exit code when invalid rows were found. */
    public static final int INVALID_ROWS = 1;

    public ValidationSummary {
        tables = List.copyOf(tables);
        coverage = List.copyOf(coverage);
    }

    public long rowsChecked() {
        return tables.stream().mapToLong(TableValidation::rowsChecked).sum();
    }

    /** Rows checked per second of the run (rows read again by set-based checks not counted). */
    public double rowsPerSecond() {
        double seconds = run.elapsed().toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsChecked() / seconds;
    }

    /** Rows with at least one violation, each counted once. */
    public long invalidRows() {
        return tables.stream().mapToLong(TableValidation::invalidRows).sum();
    }

    public long violationCount() {
        return tables.stream().mapToLong(TableValidation::violations).sum();
    }

    /**
     * The process exit code: 0 every row valid, 1 invalid rows found, 3 the run failed (failed
     * chunks, database gone), 130 stopped before the end (re-running resumes). Configuration and
     * usage errors never get here: they throw {@link io.rowsweep.core.RowSweepException} (exit 2).
     */
    public int exitCode() {
        RunStatus s = run.status();
        if (s == RunStatus.FAILED) {
            return ErrorCode.RUN_FAILED.exitCode();
        }
        if (s == RunStatus.STOPPED || s == RunStatus.CANCELLED) {
            return ErrorCode.INTERRUPTED.exitCode();
        }
        return violationCount() > 0 ? INVALID_ROWS : ALL_VALID;
    }
}
