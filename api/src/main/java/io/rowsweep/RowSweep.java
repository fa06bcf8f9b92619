package io.rowsweep;

import io.rowsweep.core.control.JobControl;
import io.rowsweep.distributed.Worker;
import io.rowsweep.update.Update;
import io.rowsweep.validation.Validation;

import javax.sql.DataSource;

/**
 * rowsweep's entry point: process every row of large tables in parallel key-range chunks,
 * resumably, in bounded memory.
 *
 * <pre>{@code
 * ValidationSummary invalid = RowSweep.validate(dataSource).entities(Post.class).workers(4)
 *         .violationsTo(Path.of("violations.jsonl")).run();
 * UpdateSummary fixed = RowSweep.update(dataSource).table("invoices")
 *         .set("service_fee_amount = amount * 0.1").where("service_fee = 1").job("fix-fees").run();
 * }</pre>
 *
 * <p>With a HikariCP pool, its maximum size must be at least workers + 1 (one connection per
 * worker, one to coordinate); workers + 3 for a job shared with other processes
 * ({@code distributed(true)}), whose other processes join it with {@link #worker}.
 */
public final class RowSweep {

    private RowSweep() {
    }

    /** Checks every row against the application's validation rules (entity classes or a rules file); see {@link Validation}. */
    public static Validation validate(DataSource dataSource) {
        return Validation.of(dataSource);
    }

    /** Fixes or backfills rows in exactly-once chunks (SQL or a Java fix); see {@link Update}. */
    public static Update update(DataSource dataSource) {
        return Update.of(dataSource);
    }

    /** Joins a job another process started with {@code distributed(true)} and works on its chunks; see {@link Worker}. */
    public static Worker worker(DataSource dataSource) {
        return Worker.join(dataSource);
    }

    /**
     * Pauses, resumes and cancels runs of jobs started by any process or host, and lists jobs and
     * their runs' history, through the job state in {@code dataSource}; see {@link JobControl}.
     * {@code RowSweep.jobs(dataSource).pause("fix-fees")}.
     */
    public static JobControl jobs(DataSource dataSource) {
        return JobControl.of(dataSource);
    }
}
