package io.rowsweep.spring;

import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;



/**
 * A declared job as the endpoint and the health indicator see it: its run in this application, if
 * any, and where it stands in the job state, which every process that runs it writes (this
 * application, {@code rowsweep worker}s, the CLI).
 *
 * @param lastRun    the latest run started in this application, or null
 * @param state      the job's row in the job state, or null when it never ran
 * @param chunksDone chunks of the job state's current run that are done (0 in the health indicator's reports, which
 *                   read chunks only of a job that failed)
 * @param rowsDone   rows in those chunks
 * @param firstError the error of the first failed chunk of the current run, or null
 */
public record JobReport(String name, RowSweepJob.Kind kind, JobRun lastRun, JobRecord state, long chunksDone, long chunksFailed,
                        long rowsDone, String firstError) {

    /**
     * Whether the job's latest outcome is a failure: its run here is going (no) or failed (yes);
     * otherwise the job state's status, which also shows runs of other processes.
     */
    public boolean failed() {
        if (lastRun != null && (lastRun.running() || lastRun.failed())) {
            return lastRun.failed();
        }
        return state != null && state.status() == JobStatus.FAILED;
    }

    /** Why it failed: the run's error, the first failed chunk's, or the job state's status. */
    public String failure() {
        if (lastRun != null && lastRun.error() != null) {
            return lastRun.error();
        }
        return firstError != null ? firstError : "the run ended FAILED; see the job state (rowsweep status --job " + name + ")";
    }
}
