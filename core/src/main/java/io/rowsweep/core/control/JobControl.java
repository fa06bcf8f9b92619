package io.rowsweep.core.control;

import io.rowsweep.core.internal.control.StateJobControl;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.RunRecord;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * Pauses, resumes and cancels runs of jobs, whichever process or host runs them, through the job
 * state in the database: a request is recorded in the job's row, and every process of the run
 * (local workers, or all processes of a distributed one) reads it before it claims its next
 * chunk. Running chunks finish and commit; nothing is lost.
 *
 * <pre>{@code
 * JobControl jobs = JobControl.of(dataSource);
 * jobs.pause("fix-fees");     // status PAUSED once the running chunks committed
 * jobs.resume("fix-fees");    // the same processes go on where they stopped
 * jobs.cancel("fix-fees");    // every process ends the run as CANCELLED
 * }</pre>
 *
 * <p>Each method opens a connection of {@code dataSource} for its call and closes it. A request
 * that does not apply (no such job, a finished run, resuming a run that is not paused) throws a
 * {@link io.rowsweep.core.RowSweepException} with {@link io.rowsweep.core.ErrorCode#USAGE} and
 * writes nothing.
 */
public interface JobControl {

    /** Control of the jobs whose state is in {@code dataSource}'s current schema. */
    static JobControl of(DataSource dataSource) {
        return of(dataSource, null);
    }

    /**
     * Control of the jobs whose state is in {@code stateSchema} of {@code dataSource}
     * ({@code --state-schema}; null: the connection's current schema).
     */
    static JobControl of(DataSource dataSource, String stateSchema) {
        return new StateJobControl(dataSource, stateSchema);
    }

    /**
     * Asks the job's running run to pause: no process claims another chunk, and once the running
     * chunks committed the job is {@link io.rowsweep.core.state.JobStatus#PAUSED}. Its processes
     * stay alive and wait for {@link #resume}. Returns at once, with the job as the request left it
     * ({@link JobRecord#requested()} PAUSE until it took effect).
     */
    JobRecord pause(String job);

    /** Resumes a paused run (or one whose pause has not taken effect yet): its processes claim chunks again. */
    JobRecord resume(String job);

    /**
     * Asks the job's running or paused run to end: no process claims another chunk; once the
     * running chunks committed the job is {@link io.rowsweep.core.state.JobStatus#CANCELLED}
     * and its processes exit. Its progress is kept: running the job again resumes it, and
     * {@code --restart} discards it.
     */
    JobRecord cancel(String job);

    /** Every job with its status (PAUSED and CANCELLED included), the most recently started first. */
    List<JobRecord> jobs();

    /** The job named {@code job}, if there is one. */
    Optional<JobRecord> job(String job);

    /** The job's runs, the latest first: who started each, its spec, settings, outcome and times. */
    List<RunRecord> history(String job);
}
