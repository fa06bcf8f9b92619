package io.rowsweep.cli.internal.command;

import io.rowsweep.cli.internal.TextTable;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.core.state.ProblemGroup;
import io.rowsweep.core.state.TableCursorRecord;
import io.rowsweep.distributed.WorkerInfo;
import io.rowsweep.report.internal.Format;
import io.rowsweep.report.internal.LiveRun;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The status command's text: pure functions of the job state read from the database. */
final class StatusView {

    static final int MAX_FAILED_LISTED = 20;

    private StatusView() {
    }

    static String jobList(List<JobRecord> jobs, Instant now, ZoneId zone) {
        TextTable t = new TextTable("JOB", "KIND", "RUN", "STATUS", "STARTED", "LAST SEEN");
        for (JobRecord j : jobs) {
            String seen = j.finishedAt() != null ? "finished " + Format.ago(Instant.ofEpochMilli(j.finishedAt()), now)
                    : Format.ago(Instant.ofEpochMilli(j.heartbeatAt()), now);
            t.row(j.name(), j.kind(), j.run(), status(j, now), Format.time(Instant.ofEpochMilli(j.startedAt()), zone), seen);
        }
        return t.render() + System.lineSeparator() + "'rowsweep status --job NAME' shows a job's tables and chunks." + System.lineSeparator();
    }

    static String job(JobRecord j, List<TableCursorRecord> tables, List<ChunkRecord> chunks, Instant now, ZoneId zone) {
        String nl = System.lineSeparator();
        Instant started = Instant.ofEpochMilli(j.startedAt());
        StringBuilder b = new StringBuilder();
        b.append("Job       ").append(j.name()).append(" (").append(j.kind()).append(", run ").append(j.run()).append(')').append(nl);
        b.append("Status    ").append(statusLine(j, chunks, now)).append(nl);
        b.append("Started   ").append(Format.time(started, zone)).append(" (").append(Format.ago(started, now)).append(')').append(nl);
        if (j.finishedAt() != null) {
            Instant finished = Instant.ofEpochMilli(j.finishedAt());
            b.append("Finished  ").append(Format.time(finished, zone)).append(" (after ")
                    .append(Format.duration(Duration.between(started, finished))).append(')').append(nl);
        }

        Map<String, TableStats> stats = new LinkedHashMap<>();
        tables.forEach(t -> stats.put(t.table(), new TableStats(t.estimatedRows())));
        chunks.forEach(c -> stats.computeIfAbsent(c.chunk().table(), k -> new TableStats(0)).add(c));
        TableStats total = new TableStats(0);
        stats.values().forEach(total::addAll);
        b.append("Progress  ").append(Format.count(total.rows)).append(" rows");
        if (total.estimated > 0) {
            b.append(" of ~").append(Format.count(total.estimated)).append(" (")
                    .append(Format.percent(j.status() == JobStatus.DONE ? 1 : Math.min(1, (double) total.rows / total.estimated))).append(')');
        }
        b.append(", ").append(Format.count(total.done)).append(" chunks done, ").append(total.running).append(" running, ")
                .append(total.failed).append(" failed").append(nl).append(nl);

        TextTable t = new TextTable("TABLE", "DONE", "RUNNING", "FAILED", "ROWS", "OF ~ROWS", "AFFECTED", "PROBLEMS", "ROWS/S");
        stats.forEach((table, s) -> t.row(table, s.done, s.running, s.failed, s.rows, s.estimated, s.affected, s.problems,
                s.rate() > 0 ? Format.rate(s.rate()) : "–"));
        b.append(t.render());

        List<ChunkRecord> failed = chunks.stream().filter(c -> c.status() == ChunkStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            b.append(nl).append("Failed chunks (re-running the job retries them):").append(nl);
            for (ChunkRecord c : failed.subList(0, Math.min(MAX_FAILED_LISTED, failed.size()))) {
                b.append("  ").append(c.chunk().table()).append(" chunk ").append(c.chunk().number()).append(' ').append(c.chunk().range())
                        .append(", ").append(c.attempts()).append(c.attempts() == 1 ? " attempt: " : " attempts: ")
                        .append(Format.abbreviate(c.error(), 300)).append(nl);
            }
            if (failed.size() > MAX_FAILED_LISTED) {
                b.append("  ... and ").append(failed.size() - MAX_FAILED_LISTED).append(" more").append(nl);
            }
        }
        if (j.status() != JobStatus.DONE && !alive(j, now)) {
            b.append(nl).append("Resume: re-run the command that started it (or any with --job ").append(j.name()).append(").").append(nl);
        }
        return b.toString();
    }

    /** Kinds of problem {@link #problemGroups} lists; the rest are summed in one line. */
    static final int MAX_GROUPS_LISTED = 15;

    /**
     * A validation's violations by table, column and constraint (any job's problems by kind), the
     * most frequent first, each with one example row; nothing when there are none.
     */
    static String problemGroups(List<ProblemGroup> groups, String kind) {
        if (groups.isEmpty()) {
            return "";
        }
        TextTable t = new TextTable("TABLE", "COLUMN", "validate".equals(kind) ? "CONSTRAINT" : "KIND", "COUNT", "EXAMPLE");
        for (ProblemGroup g : groups.subList(0, Math.min(MAX_GROUPS_LISTED, groups.size()))) {
            String example = g.samples().isEmpty() ? "" : g.samples().get(0).key() + (g.samples().get(0).value() == null ? ""
                    : " = " + g.samples().get(0).value()) + ": " + g.samples().get(0).message();
            t.row(g.table(), g.column() == null ? "(row)" : g.column(), g.kind(), Format.count(g.count()), Format.abbreviate(example, 100));
        }
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder(nl).append("validate".equals(kind) ? "Violations by constraint" : "Problems by kind")
                .append(" (chunks done so far):").append(nl).append(t.render());
        if (groups.size() > MAX_GROUPS_LISTED) {
            long rest = groups.subList(MAX_GROUPS_LISTED, groups.size()).stream().mapToLong(ProblemGroup::count).sum();
            b.append("... and ").append(groups.size() - MAX_GROUPS_LISTED).append(" more kinds, ").append(Format.count(rest))
                    .append(" in all").append(nl);
        }
        return b.toString();
    }

    /** The processes of a distributed run (host, pid, role, heartbeat, chunks); nothing for a run in one process. */
    static String workers(List<WorkerInfo> workers, Instant now) {
        if (workers.isEmpty()) {
            return "";
        }
        TextTable t = new TextTable("PROCESS", "ROLE", "THREADS", "STATE", "LAST HEARTBEAT", "CHUNKS DONE", "RUNNING", "ROWS");
        for (WorkerInfo w : workers) {
            t.row(w.host() + ":" + w.pid(), w.role().name().toLowerCase(Locale.ROOT), w.threads(),
                    w.state().name().toLowerCase(Locale.ROOT), w.lastHeartbeat() == null ? "-" : Format.ago(w.lastHeartbeat(), now),
                    Format.count(w.chunksDone()), w.chunksRunning(), Format.count(w.rowsDone()));
        }
        return System.lineSeparator() + "Processes:" + System.lineSeparator() + t.render();
    }

    private static String statusLine(JobRecord j, List<ChunkRecord> chunks, Instant now) {
        Instant heartbeat = Instant.ofEpochMilli(j.heartbeatAt());
        switch (j.status()) {
            case RUNNING:
                if (alive(j, now) && j.requested() != null) {
                    return (j.requested() == ControlRequest.PAUSE ? "pausing" : "cancelling") + ": its running chunks finish";
                }
                if (alive(j, now)) {
                    return "running in " + j.owner() + ", last heartbeat " + Format.ago(heartbeat, now)
                            + (j.throttle() == null ? "" : "; throttled: " + j.throttle());
                }
                return "running according to its state, but " + j.owner() + " has not been seen for "
                        + Format.duration(Duration.between(heartbeat, now)) + ": it probably died";
            case FAILED:
                long failed = chunks.stream().filter(c -> c.status() == ChunkStatus.FAILED).count();
                return "failed (" + failed + (failed == 1 ? " chunk" : " chunks") + " failed)";
            case STOPPED:
                return "stopped before the end; its progress is saved";
            case PAUSED:
                return "paused (" + j.owner() + " waits for  rowsweep resume --job " + j.name() + ")";
            case CANCELLED:
                return "cancelled; its progress is saved";
            default:
                return "done";
        }
    }

    private static String status(JobRecord j, Instant now) {
        if (j.status() == JobStatus.RUNNING && !alive(j, now)) {
            return "running?";
        }
        return j.status().name().toLowerCase(Locale.ROOT);
    }

    /** Running or paused, and its process seen lately: as the console judges it. */
    private static boolean alive(JobRecord j, Instant now) {
        return LiveRun.alive(j, now);
    }

    /** Counts of one table's chunks. */
    private static final class TableStats {
        long estimated;
        long done;
        long running;
        long failed;
        long rows;
        long affected;
        long problems;
        long firstStart = Long.MAX_VALUE;
        long lastFinish;

        TableStats(long estimated) {
            this.estimated = estimated;
        }

        void add(ChunkRecord c) {
            switch (c.status()) {
                case DONE:
                    done++;
                    rows += c.rows();
                    affected += c.affected();
                    problems += c.problems();
                    firstStart = Math.min(firstStart, c.startedAt());
                    lastFinish = Math.max(lastFinish, c.finishedAt());
                    break;
                case RUNNING:
                    running++;
                    break;
                default:
                    failed++;
            }
        }

        void addAll(TableStats s) {
            estimated += Math.max(s.estimated, s.rows);
            done += s.done;
            running += s.running;
            failed += s.failed;
            rows += s.rows;
            affected += s.affected;
            problems += s.problems;
        }

        /** Rows per second between the first chunk's start and the last one's end. */
        double rate() {
            long span = lastFinish - firstStart;
            return done == 0 || span <= 0 ? 0 : rows * 1000.0 / span;
        }
    }
}
