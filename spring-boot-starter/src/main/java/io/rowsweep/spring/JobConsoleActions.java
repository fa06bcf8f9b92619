package io.rowsweep.spring;

import io.rowsweep.report.ConsoleActions;

import java.util.List;

/** The console's buttons, backed by the application's declared jobs. */
final class JobConsoleActions implements ConsoleActions {

    private final RowSweepJobs jobs;

    JobConsoleActions(RowSweepJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<String> startable() {
        return jobs.declared().stream().map(RowSweepJob::name).toList();
    }

    @Override
    public void start(String job) {
        try {
            jobs.start(job);
        } catch (JobStartRefusedException e) {
            if (e.reason() == JobStartRefusedException.Reason.UNKNOWN_JOB) {
                throw new Refused(404, e.getMessage());
            }
            throw new Refused(409, "Job '" + job + "' is running in this application already: wait for it to end (its page shows how"
                    + " far it is). Nothing was started.");
        }
    }
}
