package io.rowsweep.report.internal;

import io.rowsweep.core.ChunkFailure;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.TableSummary;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.core.state.TableCursorRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run as its job state shows it now, as report data: what the live console draws. Everything
 * comes from the state tables, so it shows a run of any process on any host, while it runs and
 * after it ended.
 */
public final class LiveRun {

    /** The ETA is the rate of the chunks finished in this last window. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(60);
    static final int REFRESH_SECONDS = 2;

    private LiveRun() {
    }

    /**
     * The report data of {@code job} at {@code now}, from its row, its tables' cursors and its chunks.
     *
     * @param controls the console's buttons for the job (HTML), or empty
     * @param appendix sections the console adds at the end of the page (HTML), or empty
     */
    public static ReportData of(JobRecord job, List<TableCursorRecord> cursors, List<ChunkRecord> records, Instant now, String controls,
                                String appendix) {
        Map<String, Totals> byTable = new LinkedHashMap<>();
        cursors.forEach(t -> byTable.put(t.table(), new Totals(t.estimatedRows())));
        List<ReportChunk> chunks = new ArrayList<>();
        List<ChunkFailure> failures = new ArrayList<>();
        long recentRows = 0;
        long windowStart = now.minus(RATE_WINDOW).toEpochMilli();
        for (ChunkRecord r : records) {
            chunks.add(RunReport.drawn(r));
            byTable.computeIfAbsent(r.chunk().table(), k -> new Totals(0)).add(r);
            if (r.status() == ChunkStatus.FAILED) {
                failures.add(new ChunkFailure(r.chunk().table(), r.chunk().number(), r.chunk().range(), r.attempts(), r.error()));
            } else if (r.status() == ChunkStatus.DONE && r.finishedAt() >= windowStart) {
                recentRows += r.rows();
            }
        }

        Instant started = Instant.ofEpochMilli(job.startedAt());
        Instant end = job.finishedAt() != null ? Instant.ofEpochMilli(job.finishedAt()) : now;
        List<TableSummary> tables = new ArrayList<>();
        List<ReportData.Live.Table> progress = new ArrayList<>();
        long remaining = 0;
        for (Map.Entry<String, Totals> e : byTable.entrySet()) {
            Totals t = e.getValue();
            tables.add(new TableSummary(e.getKey(), "", t.rows, t.affected, t.problems, t.done, t.failed, Duration.ofMillis(t.busyMillis)));
            long estimated = Math.max(t.estimated, t.rows);
            progress.add(new ReportData.Live.Table(e.getKey(), t.rows, estimated));
            remaining += estimated - t.rows;
        }
        long workers = records.stream().filter(r -> r.startedAt() >= job.startedAt() && r.worker() != null).map(ChunkRecord::worker)
                .distinct().count();
        RunSummary summary = new RunSummary(job.name(), job.run(), job.kind(), runStatus(job.status()), job.run() > 1, started,
                Duration.between(started, end), (int) workers, tables, failures);

        boolean running = job.status() == JobStatus.RUNNING && job.requested() == null && alive(job, now);
        Duration eta = null;
        if (running && remaining > 0 && recentRows > 0) {
            long window = Math.min(RATE_WINDOW.toMillis(), Math.max(1, now.toEpochMilli() - job.startedAt()));
            eta = Duration.ofMillis((long) (remaining * (double) window / recentRows));
        }
        ReportData.Live live = new ReportData.Live(status(job, now), statusLine(job, failures.size(), now), progress, eta,
                live(job) ? REFRESH_SECONDS : 0, controls, appendix);
        return ReportData.of(summary, chunks).withLive(live).withGeneratedAt(now);
    }

    /** The job's status in a word, as the console's lists show it: a pending pause or cancel shows as pausing or cancelling. */
    public static String status(JobRecord job, Instant now) {
        if (live(job) && !alive(job, now)) {
            return "not responding";
        }
        if (job.requested() == ControlRequest.CANCEL && live(job)) {
            return "cancelling";
        }
        if (job.requested() == ControlRequest.PAUSE && job.status() == JobStatus.RUNNING) {
            return "pausing";
        }
        return job.status().name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job's processes are at it now: its state says it runs or is paused, and a process was seen lately. */
    public static boolean alive(JobRecord job, Instant now) {
        return job.alive(now);
    }

    /** Running or paused: a run that has not ended. */
    private static boolean live(JobRecord job) {
        return job.status() == JobStatus.RUNNING || job.status() == JobStatus.PAUSED;
    }

    private static String statusLine(JobRecord job, int failedChunks, Instant now) {
        Instant heartbeat = Instant.ofEpochMilli(job.heartbeatAt());
        if (live(job) && !alive(job, now)) {
            return job.owner() + " has not been seen for " + Format.duration(Duration.between(heartbeat, now))
                    + ": it probably died. Re-run the command that started the job to resume it.";
        }
        if (job.requested() == ControlRequest.CANCEL && live(job)) {
            return "Cancelling: no process takes another chunk, and the run ends once the running chunks have committed.";
        }
        switch (job.status()) {
            case RUNNING:
                if (job.requested() == ControlRequest.PAUSE) {
                    return "Pausing: no process takes another chunk; the running chunks finish and commit.";
                }
                return "Running in " + job.owner() + ", last heartbeat " + Format.ago(heartbeat, now) + "; "
                        + (job.throttle() == null ? "not throttled." : "throttled: " + job.throttle() + ".");
            case PAUSED:
                return "Paused: its processes wait, alive, and go on where they stopped when it is resumed.";
            case FAILED:
                return failedChunks + (failedChunks == 1 ? " chunk" : " chunks") + " failed: re-running the job retries them.";
            case DONE:
                return "Done.";
            case CANCELLED:
                return "Cancelled; its progress is kept: running the job again resumes it, and --restart discards it.";
            default:
                return "Ended before its last chunk (" + job.status().name().toLowerCase(Locale.ROOT)
                        + "); its progress is saved, and re-running the job resumes it.";
        }
    }

    /** The summary's status for a job's; a running job shows as stopped there, and its live status in the header. */
    private static RunStatus runStatus(JobStatus status) {
        if (status == JobStatus.DONE) {
            return RunStatus.DONE;
        }
        if (status == JobStatus.CANCELLED) {
            return RunStatus.CANCELLED;
        }
        return status == JobStatus.FAILED ? RunStatus.FAILED : RunStatus.STOPPED;
    }

    /** Counts of one table's chunks. */
    private static final class Totals {
        final long estimated;
        long done;
        long failed;
        long rows;
        long affected;
        long problems;
        long busyMillis;

        Totals(long estimated) {
            this.estimated = estimated;
        }

        void add(ChunkRecord r) {
            if (r.status() == ChunkStatus.DONE) {
                done++;
                rows += r.rows();
                affected += r.affected();
                problems += r.problems();
                busyMillis += Math.max(0, r.finishedAt() - r.startedAt());
            } else if (r.status() == ChunkStatus.FAILED) {
                failed++;
            }
        }
    }
}
