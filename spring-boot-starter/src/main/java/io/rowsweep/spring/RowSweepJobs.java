package io.rowsweep.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.rowsweep.core.ConnectionErrors;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.update.Update;
import io.rowsweep.validation.Validation;
import io.rowsweep.validation.ValidationSettings;
import io.rowsweep.validation.ValidationSummary;
import io.rowsweep.validation.ViolationFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The application's declared jobs ({@link RowSweepJob} beans), to start by name and to look at:
 * the API behind the {@code rowsweep} actuator endpoint, for the application's own code too.
 *
 * <pre>{@code
 * jobs.start("backfill-stock");          // runs on rowsweep's executor; returns at once
 * RunSummary s = jobs.run("validate-shop"); // runs in this thread
 * }</pre>
 *
 * <p>A job runs at most once at a time in an application; other processes joining it work through
 * the job state ({@code rowsweep worker}). When the application shuts down, running jobs are asked
 * to stop: their finished chunks are kept, and starting the job again resumes it.
 */
public final class RowSweepJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RowSweepJobs.class);
    /** The Observation of a whole run. */
    static final String RUN_OBSERVATION = "rowsweep.run";

    private final DataSource dataSource;
    private final Map<String, RowSweepJob> jobs;
    private final RowSweepProperties properties;
    private final ApplicationEntities entities;
    private final List<RunListenerFactory> listenerFactories;
    private final ObservationRegistry observations;
    private final ExecutorService executor;
    private final Clock clock;
    /** The latest run of each job in this application; a running one until it ends. */
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    RowSweepJobs(DataSource dataSource, List<RowSweepJob> declared, RowSweepProperties properties, ApplicationEntities entities,
                 List<RunListenerFactory> listenerFactories, ObservationRegistry observations, ExecutorService executor, Clock clock) {
        this.dataSource = dataSource;
        this.jobs = new LinkedHashMap<>();
        for (RowSweepJob job : declared) {
            RowSweepJob twin = jobs.putIfAbsent(job.name(), job);
            if (twin != null) {
                throw RowSweepException.configuration("Two RowSweepJob beans are named '" + job.name() + "' (" + twin + ", " + job
                        + "); a job's name is its identity in the job state: give each its own.");
            }
        }
        this.properties = properties;
        this.entities = entities;
        this.listenerFactories = List.copyOf(listenerFactories);
        this.observations = observations;
        this.executor = executor;
        this.clock = clock;
    }

    /** The {@code rowsweep.*} properties the jobs start from. */
    RowSweepProperties properties() {
        return properties;
    }

    /**
     * Pause, resume and cancel of the jobs whose state is in the application's database (and
     * {@code rowsweep.state-schema}), whichever process or host runs them.
     */
    public JobControl control() {
        return JobControl.of(dataSource, properties.validate().get(SweepSettings.STATE_SCHEMA));
    }

    /** The declared jobs, in declaration order. */
    public List<RowSweepJob> declared() {
        return List.copyOf(jobs.values());
    }

    /** The declared job of that name. */
    public Optional<RowSweepJob> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /**
     * Starts a declared job on rowsweep's executor and returns at once; {@link #lastRun} and
     * {@link #reports} show how it goes. A job with parameters starts with their defaults.
     *
     * @return the job's name, which is also its name in the job state
     * @throws JobStartRefusedException when no job has that name, it is running already, or a parameter is required
     */
    public String start(String name) {
        return start(name, Map.of());
    }

    /**
     * Starts a declared job with values for its {@link RowSweepJob#parameters() parameters}, by
     * name: text ({@code "5"}, {@code "2026-01-31"}) or objects of their types; those not given
     * take their defaults. Returns at once, the run going on on rowsweep's executor.
     *
     * @return the job's name, which is also its name in the job state
     * @throws JobStartRefusedException when no job has that name ({@code UNKNOWN_JOB}), a parameter is unknown, missing or
     *                                  not of its type ({@code INVALID_PARAMETERS}, naming each), it is running already
     *                                  ({@code ALREADY_RUNNING}), or it has an unfinished run started with other values
     *                                  ({@code OTHER_PARAMETERS}); nothing was started or written then
     */
    public String start(String name, Map<String, ?> parameters) {
        Run run = admit(name, parameters);
        try {
            executor.execute(() -> {
                try {
                    execute(run);
                } catch (RuntimeException e) {
                    // recorded with the run (health DOWN, the endpoint shows it); nobody waits for this thread
                    LOG.error("rowsweep job '{}' failed: {}", name, e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            runs.remove(name, run);
            throw new RowSweepException(ErrorCode.USAGE, "Job '" + name + "' was not started: the application is shutting down.");
        }
        return name;
    }

    /**
     * Starts a declared job again to finish its unfinished run (failed, stopped or cancelled): the
     * run resumes with the parameter values it was started with, its done chunks are not done again,
     * and its failed chunks are done again. Returns at once, as {@link #start} does.
     *
     * @throws JobStartRefusedException when no job has that name, it is running ({@code ALREADY_RUNNING}), or it has no
     *                                  unfinished run: never run, or completed ({@code NOTHING_TO_RETRY}); nothing was
     *                                  started or written then
     */
    public String retry(String name) {
        RowSweepJob job = declared(name);
        JobRun here = lastRun(name).orElse(null);
        if (here != null && here.running()) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.ALREADY_RUNNING, name, "Job '" + name
                    + "' is running in this application (started " + here.startedAt() + "): there is nothing to retry until it ends."
                    + " Nothing was started.");
        }
        JobRecord record = record(name);
        if (record == null) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.NOTHING_TO_RETRY, name, "Job '" + name
                    + "' has not run yet, so there is nothing to retry: start it. Nothing was started.");
        }
        switch (record.status()) {
            case DONE -> throw new JobStartRefusedException(JobStartRefusedException.Reason.NOTHING_TO_RETRY, name, "Job '" + name
                    + "' completed (run " + record.run() + (record.finishedAt() == null ? "" : ", finished "
                    + Instant.ofEpochMilli(record.finishedAt())) + "): it has no failed chunks to retry. Nothing was started.");
            case RUNNING, PAUSED -> {
                if (record.alive(clock.instant())) {
                    throw new JobStartRefusedException(JobStartRefusedException.Reason.ALREADY_RUNNING, name, "Job '" + name + "' is "
                            + record.status().name().toLowerCase(Locale.ROOT) + " (run " + record.run() + ", in " + record.owner()
                            + "): there is nothing to retry until it ends. Nothing was started.");
                }
            }
            default -> {
                // failed, stopped or cancelled: resumed below
            }
        }
        try {
            job.parameters().resolve(record.parameters());
        } catch (IllegalArgumentException e) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.OTHER_PARAMETERS, name, "Job '" + name + "' run "
                    + record.run() + " was started with " + show(record.parameters()) + ", which its declared parameters no longer take: "
                    + e.getMessage() + ". Nothing was started.");
        }
        return start(name, record.parameters());
    }

    /**
     * Runs a declared job in the calling thread, to its end.
     *
     * @throws JobStartRefusedException when no job has that name, or it is running already
     * @throws RowSweepException        when the run cannot start or record its outcome (usage, configuration, connection)
     */
    public RunSummary run(String name) {
        return run(name, Map.of());
    }

    /**
     * Runs a declared job with values for its parameters (as {@link #start(String, Map)} takes them)
     * in the calling thread, to its end.
     *
     * @throws JobStartRefusedException as {@link #start(String, Map)}
     * @throws RowSweepException        when the run cannot start or record its outcome (usage, configuration, connection)
     */
    public RunSummary run(String name, Map<String, ?> parameters) {
        return execute(admit(name, parameters));
    }

    /** The latest run of the job in this application, running or ended. */
    public Optional<JobRun> lastRun(String name) {
        return Optional.ofNullable(runs.get(name)).map(Run::snapshot);
    }

    /**
     * Every declared job with its run here and its job state, read in one connection. Before a
     * first run created the job state tables, the job state parts are empty.
     */
    public List<JobReport> reports() throws SQLException {
        return reports(true);
    }

    /**
     * The reports, with the chunk totals of each job's current run, or (for the health indicator,
     * which is asked often) only the first error of a job that failed.
     */
    List<JobReport> reports(boolean chunkTotals) throws SQLException {
        List<JobReport> reports = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            JobStateReader state = JobStateReader.of(c, properties.validate().get(SweepSettings.STATE_SCHEMA));
            for (RowSweepJob job : jobs.values()) {
                reports.add(report(job, state, chunkTotals));
            }
        }
        return reports;
    }

    /** One declared job's report, or empty when no job has that name. */
    public Optional<JobReport> report(String name) throws SQLException {
        RowSweepJob job = jobs.get(name);
        if (job == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return Optional.of(report(job, JobStateReader.of(c, properties.validate().get(SweepSettings.STATE_SCHEMA)), true));
        }
    }

    private JobReport report(RowSweepJob job, JobStateReader state, boolean chunkTotals) throws SQLException {
        JobRun last = lastRun(job.name()).orElse(null);
        JobRecord record = state.exists() ? state.job(job.name()).orElse(null) : null;
        long done = 0;
        long failed = 0;
        long rows = 0;
        String firstError = null;
        if (record != null && (chunkTotals || record.status() == JobStatus.FAILED)) {
            for (ChunkRecord chunk : state.chunks(job.name())) {
                if (chunk.status() == ChunkStatus.DONE) {
                    done++;
                    rows += chunk.rows();
                } else if (chunk.status() == ChunkStatus.FAILED) {
                    failed++;
                    firstError = firstError == null ? chunk.error() : firstError;
                }
            }
        }
        return new JobReport(job.name(), job.kind(), last, record, done, failed, rows, firstError);
    }

    private RowSweepJob declared(String name) {
        RowSweepJob job = jobs.get(name);
        if (job == null) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.UNKNOWN_JOB, name, "No rowsweep job is named '" + name
                    + "'. Declared jobs: " + (jobs.isEmpty() ? "none (declare RowSweepJob beans)" : String.join(", ", jobs.keySet())) + ".");
        }
        return job;
    }

    private Run admit(String name, Map<String, ?> parameters) {
        RowSweepJob job = declared(name);
        JobParameterValues values;
        try {
            values = job.parameters().isEmpty() && parameters.isEmpty() ? JobParameterValues.none()
                    : job.parameters().resolve(parameters);
        } catch (IllegalArgumentException e) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.INVALID_PARAMETERS, name, "Job '" + name
                    + "' was not started: " + e.getMessage() + ". Nothing was started.");
        }
        if (!job.parameters().isEmpty()) {
            checkUnfinishedRun(job, values);
        }
        Run run = new Run(job, clock.instant(), values);
        Run before = runs.compute(name, (n, current) -> current != null && current.running() ? current : run);
        if (before != run) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.ALREADY_RUNNING, name, "Job '" + name
                    + "' is running already (started " + before.startedAt + "); wait for it to end, or watch it: GET /actuator/rowsweep/"
                    + name + ".");
        }
        try {
            refuseIfRunningElsewhere(name);
        } catch (RuntimeException e) {
            runs.remove(name, run);
            throw e;
        }
        return run;
    }

    /**
     * Refuses, before anything is written, a start whose values differ from those an unfinished run
     * of the job was started with (only those resume it), or, for an update, from those it
     * completed with (an update is applied once; with other values it is another update). The
     * engine refuses both too (the values are part of the spec), but only once the run has begun.
     */
    private void checkUnfinishedRun(RowSweepJob job, JobParameterValues values) {
        JobRecord record = record(job.name());
        if (record == null || record.parameters().equals(values.asText())) {
            return;
        }
        String then = show(record.parameters());
        if (record.status() != JobStatus.DONE) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.OTHER_PARAMETERS, job.name(), "Job '" + job.name()
                    + "' has an unfinished run (run " + record.run() + ", " + record.status().name().toLowerCase(Locale.ROOT)
                    + ") started with " + then + "; with " + show(values.asText()) + " it would be another job under the same name."
                    + " Start it with " + then + " to finish that run (Retry does), then start it with the new values. Nothing was"
                    + " started.");
        }
        if (job.kind() == RowSweepJob.Kind.UPDATE) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.OTHER_PARAMETERS, job.name(), "Job '" + job.name()
                    + "' completed with " + then + " (run " + record.run() + "). An update is applied once under its name, and with "
                    + show(values.asText()) + " it is another update: declare a job for it under another name. Nothing was started.");
        }
    }

    /** {@code units=5, since=2026-01-31}, or {@code no parameters}. */
    private static String show(Map<String, String> values) {
        return values.isEmpty() ? "no parameters" : values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Refuses a start of a job whose run another process (another instance of the application, a
     * {@code rowsweep} command) is at now, running or paused, as its heartbeat shows: the engine
     * would refuse it too, but only on the job's thread, after the start was answered.
     */
    private void refuseIfRunningElsewhere(String name) {
        JobRecord record = record(name);
        if (record != null && record.alive(clock.instant())) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.ALREADY_RUNNING, name, "Job '" + name + "' is "
                    + record.status().name().toLowerCase(Locale.ROOT) + " in another process (" + record.owner() + ", run " + record.run()
                    + "): wait for it to end, or " + (record.status() == JobStatus.PAUSED ? "resume it there" : "pause or cancel it")
                    + " (rowsweep " + (record.status() == JobStatus.PAUSED ? "resume" : "pause") + " --job " + name
                    + "). Nothing was started.");
        }
    }

    /** The job's record in the job state, or null when it has none (or there is no job state yet). */
    private JobRecord record(String name) {
        try (Connection c = dataSource.getConnection()) {
            JobStateReader state = JobStateReader.of(c, properties.validate().get(SweepSettings.STATE_SCHEMA));
            return state.exists() ? state.job(name).orElse(null) : null;
        } catch (SQLException e) {
            throw ConnectionErrors.describe(e, dataSource);
        }
    }

    private RunSummary execute(Run run) {
        RowSweepJob job = run.job;
        Observation observation = Observation.createNotStarted(RUN_OBSERVATION, observations)
                .contextualName("rowsweep " + job.kind().tag() + " " + job.name())
                .lowCardinalityKeyValue("job", job.name())
                .lowCardinalityKeyValue("kind", job.kind().tag())
                .start();
        ChunkObservations chunks = new ChunkObservations(observations, observation, job);
        List<ProgressListener> listeners = new ArrayList<>(List.of(run, chunks));
        listenerFactories.forEach(f -> listeners.add(f.forRun(job)));
        try (Observation.Scope scope = observation.openScope()) {
            RunSummary summary;
            Path violations = null;
            if (job.kind() == RowSweepJob.Kind.VALIDATE) {
                ValidationSummary validated = validation(job, listeners, run).run();
                summary = validated.run();
                violations = validated.violations();
            } else {
                summary = update(job, listeners, run).run().run();
            }
            observation.lowCardinalityKeyValue("outcome", run.ended(summary, violations, clock.instant()))
                    .highCardinalityKeyValue("run", Integer.toString(summary.run()))
                    .highCardinalityKeyValue("rows", Long.toString(summary.rows()));
            return summary;
        } catch (RuntimeException e) {
            run.ended(e, clock.instant());
            observation.lowCardinalityKeyValue("outcome", "error").error(e);
            throw e;
        } finally {
            chunks.closeUnfinished();
            observation.stop();
        }
    }

    private Validation validation(RowSweepJob job, List<ProgressListener> listeners, Run run) {
        SettingValues settings = properties.validate();
        Validation v = Validation.of(dataSource).with(settings);
        if (!settings.isSet(ValidationSettings.OUT)) {
            ViolationFormat format = settings.get(ValidationSettings.FORMAT);
            v = v.violationsTo(Path.of(job.name() + ".violations." + format.name().toLowerCase(Locale.ROOT)));
        }
        if (entities != null) {
            v = v.entities(entities.classes().toArray(new Class<?>[0]));
            if (!settings.isSet(ValidationSettings.NAMING)) {
                v = v.naming(entities.naming());
            }
        }
        for (ProgressListener l : listeners) {
            v = v.listener(l);
        }
        Validation defined = job.define(v, run.values).job(job.name());
        if (!run.values.isEmpty()) {
            defined = defined.parameters(run.values.asText());
        }
        run.stopper = defined::requestStop;
        return defined;
    }

    private Update update(RowSweepJob job, List<ProgressListener> listeners, Run run) {
        Update u = Update.of(dataSource).with(properties.update());
        for (ProgressListener l : listeners) {
            u = u.listener(l);
        }
        Update defined = job.define(u, run.values).job(job.name());
        if (!run.values.isEmpty()) {
            defined = defined.parameters(run.values.asText());
        }
        run.stopper = defined::requestStop;
        return defined;
    }

    /** Asks running jobs to stop (they resume when started again) and waits a little for them. */
    @Override
    public void close() {
        runs.values().stream().filter(Run::running).forEach(Run::requestStop);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("rowsweep jobs still running after 30 s of shutdown; their unfinished chunks are redone when they start again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A run in this application: its listener keeps the latest progress. */
    private static final class Run implements ProgressListener {

        final RowSweepJob job;
        final Instant startedAt;
        final JobParameterValues values;
        volatile Runnable stopper;
        private volatile Progress progress;
        private volatile Instant endedAt;
        private volatile RunSummary summary;
        private volatile Path violations;
        private volatile String error;

        Run(RowSweepJob job, Instant startedAt, JobParameterValues values) {
            this.job = job;
            this.startedAt = startedAt;
            this.values = values;
        }

        boolean running() {
            return endedAt == null;
        }

        void requestStop() {
            Runnable s = stopper;
            if (s != null) {
                s.run();
            }
        }

        @Override
        public void started(Progress p) {
            progress = p;
        }

        @Override
        public void progress(Progress p) {
            progress = p;
        }

        @Override
        public void finished(Progress p, RunSummary s) {
            progress = p;
        }

        String ended(RunSummary s, Path file, Instant at) {
            summary = s;
            violations = file;
            endedAt = at;
            return snapshot().state();
        }

        void ended(RuntimeException e, Instant at) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            endedAt = at;
        }

        JobRun snapshot() {
            return new JobRun(job.name(), job.kind(), startedAt, endedAt, progress, summary, violations, error, values.asText());
        }
    }
}
