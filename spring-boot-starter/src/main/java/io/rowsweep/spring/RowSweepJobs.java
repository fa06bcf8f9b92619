package io.rowsweep.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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
     * {@link #reports} show how it goes.
     *
     * @return the job's name, which is also its name in the job state
     * @throws JobStartRefusedException when no job has that name, or it is running already
     */
    public String start(String name) {
        Run run = admit(name);
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
     * Runs a declared job in the calling thread, to its end.
     *
     * @throws JobStartRefusedException when no job has that name, or it is running already
     * @throws RowSweepException        when the run cannot start or record its outcome (usage, configuration, connection)
     */
    public RunSummary run(String name) {
        return execute(admit(name));
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

    private Run admit(String name) {
        RowSweepJob job = jobs.get(name);
        if (job == null) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.UNKNOWN_JOB, name, "No rowsweep job is named '" + name
                    + "'. Declared jobs: " + (jobs.isEmpty() ? "none (declare RowSweepJob beans)" : String.join(", ", jobs.keySet())) + ".");
        }
        Run run = new Run(job, clock.instant());
        Run before = runs.compute(name, (n, current) -> current != null && current.running() ? current : run);
        if (before != run) {
            throw new JobStartRefusedException(JobStartRefusedException.Reason.ALREADY_RUNNING, name, "Job '" + name
                    + "' is running already (started " + before.startedAt + "); wait for it to end, or watch it: GET /actuator/rowsweep/"
                    + name + ".");
        }
        return run;
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
        Validation defined = job.define(v).job(job.name());
        run.stopper = defined::requestStop;
        return defined;
    }

    private Update update(RowSweepJob job, List<ProgressListener> listeners, Run run) {
        Update u = Update.of(dataSource).with(properties.update());
        for (ProgressListener l : listeners) {
            u = u.listener(l);
        }
        Update defined = job.define(u).job(job.name());
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
        volatile Runnable stopper;
        private volatile Progress progress;
        private volatile Instant endedAt;
        private volatile RunSummary summary;
        private volatile Path violations;
        private volatile String error;

        Run(RowSweepJob job, Instant startedAt) {
            this.job = job;
            this.startedAt = startedAt;
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
            return new JobRun(job.name(), job.kind(), startedAt, endedAt, progress, summary, violations, error);
        }
    }
}
