package io.rowsweep.spring;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.distributed.Worker;
import io.rowsweep.distributed.WorkerSummary;
import io.rowsweep.distributed.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works on the jobs queued in the application's database, as {@code rowsweep worker} does, one
 * job at a time on a thread of its own ({@code rowsweep.worker.enabled=true}): a backfill a Flyway
 * or Liquibase migration queued while the application started is run by the application itself,
 * by every instance of it at once (each chunk by one of them, exactly once), and the next
 * migration's {@code ensureFinished} finds it done. Looks for such a job every
 * {@code rowsweep.worker.poll-interval}; joins the oldest queued, running or orphaned distributed
 * run that is not paused, and works until it has no chunk left.
 *
 * <p>Stops with the application: the running chunks finish and commit, and the rest is left to
 * the job's other workers, or to the next start. A job that cannot be rebuilt here (a fix class or
 * class path this application does not have) is logged and left to other workers until its next
 * run.
 */
final class QueuedJobWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedJobWorker.class);
    /** How long a joined worker waits for a run it found to be joinable: it was a moment ago. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    /** How long stopping waits for the running chunks to commit. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final DataSource dataSource;
    private final WorkerProperties settings;
    private final String stateSchema;
    /** Per job, the run this application cannot work on (it cannot rebuild its job): not tried again until the next run. */
    private final Map<String, Integer> refused = new HashMap<>();
    private volatile Thread thread;

    QueuedJobWorker(DataSource dataSource, WorkerProperties settings, String stateSchema) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.stateSchema = stateSchema;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, "rowsweep-worker");
        t.setDaemon(true);
        thread = t;
        t.start();
        LOG.info("rowsweep worker: working on jobs queued in the application's database, {} thread{} (rowsweep.worker.*),"
                + " looking every {}", settings.workers(), settings.workers() == 1 ? "" : "s", settings.pollInterval());
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t == null) {
            return;
        }
        t.interrupt(); // once: a joined worker lets its running chunks finish and commit
        try {
            t.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("rowsweep worker: still working after {}; its unfinished chunks roll back and are done again later", STOP_WAIT);
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void loop() {
        Thread self = Thread.currentThread();
        while (thread == self && !self.isInterrupted()) {
            try {
                next().ifPresent(this::work);
            } catch (RowSweepException e) {
                if (e.code() == ErrorCode.INTERRUPTED) {
                    return;
                }
                LOG.warn("rowsweep worker: cannot look for queued jobs: {}; trying again in {}", e.getMessage(), settings.pollInterval());
            } catch (RuntimeException e) {
                LOG.error("rowsweep worker: unexpected failure; trying again in {}", settings.pollInterval(), e);
            }
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The oldest joinable run that is not paused (or being paused or cancelled) and that this application can work on. */
    private Optional<JobRecord> next() {
        List<JobRecord> joinable = Workers.joinable(dataSource, stateSchema);
        for (int i = joinable.size() - 1; i >= 0; i--) {
            JobRecord job = joinable.get(i);
            Integer cannot = refused.get(job.name());
            if (job.status() == JobStatus.RUNNING && job.requested() == null && (cannot == null || cannot != job.run())) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    private void work(JobRecord job) {
        LOG.info("rowsweep worker: joining job '{}' (run {}, {})", job.name(), job.run(), job.kind());
        try {
            WorkerSummary summary = Worker.join(dataSource).job(job.name()).workers(settings.workers()).stateSchema(stateSchema)
                    .joinTimeout(JOIN_TIMEOUT).run();
            RunStatus status = summary.run().status();
            if (status == RunStatus.FAILED) {
                LOG.warn("rowsweep worker: job '{}' failed{}; fix the cause and queue it again (its failed chunks are redone)", job.name(),
                        summary.run().failures().isEmpty() ? "" : ": " + summary.run().failures().get(0).error());
            } else {
                LOG.info("rowsweep worker: left job '{}' ({}; {} chunks done here)", job.name(), status.name().toLowerCase(java.util.Locale.ROOT),
                        summary.chunksDone());
            }
        } catch (RowSweepException e) {
            if (e.code() == ErrorCode.INTERRUPTED) {
                Thread.currentThread().interrupt();
                return;
            }
            refused.put(job.name(), job.run());
            LOG.warn("rowsweep worker: cannot work on job '{}' run {} here: {}. It is left to other workers (rowsweep worker) until its"
                    + " next run.", job.name(), job.run(), e.getMessage());
        }
    }
}
