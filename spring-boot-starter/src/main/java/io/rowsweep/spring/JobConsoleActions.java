package io.rowsweep.spring;

import io.rowsweep.report.ConsoleActions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    public List<Parameter> parameters(String job) {
        List<Parameter> inputs = new ArrayList<>();
        jobs.job(job).ifPresent(j -> j.parameters().list().forEach(p -> inputs.add(input(p))));
        return inputs;
    }

    private static <T> Parameter input(JobParameter<T> p) {
        return new Parameter(p.name(), p.type().tag(), p.required() ? null : p.format(p.defaultValue()), p.required(), p.description());
    }

    @Override
    public boolean running(String job) {
        return jobs.lastRun(job).map(JobRun::running).orElse(false);
    }

    @Override
    public void start(String job) {
        start(job, Map.of());
    }

    @Override
    public void start(String job, Map<String, String> parameters) {
        try {
            jobs.start(job, parameters);
        } catch (JobStartRefusedException e) {
            if (e.reason() == JobStartRefusedException.Reason.ALREADY_RUNNING) {
                throw new Refused(409, "Job '" + job + "' is running in this application already: wait for it to end (its page shows how"
                        + " far it is). Nothing was started.");
            }
            throw new Refused(e.httpStatus(), e.getMessage());
        }
    }

    @Override
    public void retry(String job) {
        try {
            jobs.retry(job);
        } catch (JobStartRefusedException e) {
            throw new Refused(e.httpStatus(), e.getMessage());
        }
    }
}
