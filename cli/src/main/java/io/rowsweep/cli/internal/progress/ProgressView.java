package io.rowsweep.cli.internal.progress;

import io.rowsweep.cli.internal.TextTable;
import io.rowsweep.cli.internal.console.Terminal;
import io.rowsweep.core.Progress;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.TableSummary;
import io.rowsweep.core.WorkerStatus;
import io.rowsweep.report.internal.Format;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Progress as text: pure functions from a {@link Progress} snapshot to the lines a terminal or a log shows. */
public final class ProgressView {

    /** Workers listed one per line; more are summed up in one line. */
    static final int MAX_WORKER_LINES = 12;

    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private ProgressView() {
    }

    /**
     * The live block: a bar with rows done of the estimate, a line of rates and counts, then one
     * line per worker with its current chunk. Every line fits {@code terminal.width()}.
     */
    public static List<String> live(Progress p, Terminal terminal) {
        List<String> lines = new ArrayList<>();
        String sep = terminal.unicode() ? " · " : ", ";

        Line head = new Line(terminal);
        head.add(p.job(), BOLD).add("  ");
        String done = Format.count(p.rowsDone()) + (p.rowsEstimated() > 0 ? " / " + Format.count(p.rowsEstimated()) : "") + " rows";
        String percent = p.rowsEstimated() > 0 ? String.format(Locale.ROOT, "%4s ", Format.percent(p.fraction())) : "";
        int barWidth = Math.max(10, Math.min(40, terminal.width() - 1 - head.length() - percent.length() - 4 - done.length()));
        int filled = (int) Math.round(p.fraction() * barWidth);
        head.add(percent)
                .add(terminal.unicode() ? "" : "[")
                .add(repeat(terminal.unicode() ? '█' : '#', filled), GREEN)
                .add(repeat(terminal.unicode() ? '░' : '-', barWidth - filled), DIM)
                .add(terminal.unicode() ? "  " : "] ")
                .add(done);
        lines.add(head.toString());

        Line stats = new Line(terminal).add("  ").add(Format.rate(p.rowsPerSecond()) + " rows/s")
                .add(sep).add("ETA " + (p.eta() == null ? "--" : Format.duration(p.eta())))
                .add(sep).add("elapsed " + Format.duration(p.elapsed()))
                .add(sep).add(Format.count(p.chunksDone()) + " chunks")
                .add(sep).add(Format.count(p.chunksFailed()) + " failed", p.chunksFailed() > 0 ? RED : null);
        if (p.problems() > 0) {
            stats.add(sep).add(Format.count(p.problems()) + " problems", YELLOW);
        }
        if (p.affected() > 0) {
            stats.add(sep).add(Format.count(p.affected()) + " affected");
        }
        lines.add(stats.toString());
        if (p.throttle() != null) {
            lines.add(new Line(terminal).add("  throttled: " + p.throttle(), YELLOW).toString());
        }

        Instant now = p.startedAt().plus(p.elapsed());
        int nameWidth = p.workers().stream().mapToInt(w -> w.name().length()).max().orElse(0);
        List<WorkerStatus> shown = p.workers().size() <= MAX_WORKER_LINES ? p.workers() : p.workers().subList(0, MAX_WORKER_LINES - 1);
        for (WorkerStatus w : shown) {
            lines.add(workerLine(w, now, nameWidth, terminal));
        }
        if (shown.size() < p.workers().size()) {
            Map<String, Integer> states = new TreeMap<>();
            p.workers().subList(shown.size(), p.workers().size())
                    .forEach(w -> states.merge(w.state().name().toLowerCase(Locale.ROOT), 1, Integer::sum));
            StringBuilder b = new StringBuilder("  ... " + (p.workers().size() - shown.size()) + " more workers:");
            states.forEach((state, n) -> b.append(' ').append(n).append(' ').append(state).append(','));
            b.setLength(b.length() - 1);
            lines.add(new Line(terminal).add(b.toString(), DIM).toString());
        }
        return lines;
    }

    private static String workerLine(WorkerStatus w, Instant now, int nameWidth, Terminal terminal) {
        boolean busy = w.state() == WorkerStatus.State.WORKING || w.state() == WorkerStatus.State.RETRYING;
        String state = w.state().name().toLowerCase(Locale.ROOT);
        Line line = new Line(terminal).add("  ").add(pad(w.name(), nameWidth + 2), DIM)
                .add(pad(state, 10), w.state() == WorkerStatus.State.RETRYING ? YELLOW : busy ? null : DIM);
        if (w.chunk() != null) {
            line.add(w.chunk()).add("  ");
        }
        if (w.state() != WorkerStatus.State.DONE && w.since() != null) {
            line.add(Format.duration(Duration.between(w.since(), now)), DIM);
        }
        return line.toString();
    }

    /** One line for logs and CI: everything of the live block but the workers. */
    public static String plain(Progress p) {
        StringBuilder b = new StringBuilder("progress ").append(p.job()).append(": ");
        if (p.rowsEstimated() > 0) {
            b.append(Format.percent(p.fraction())).append(" (").append(Format.count(p.rowsDone())).append(" of ")
                    .append(Format.count(p.rowsEstimated())).append(" rows)");
        } else {
            b.append(Format.count(p.rowsDone())).append(" rows");
        }
        b.append(", ").append(Format.rate(p.rowsPerSecond())).append(" rows/s");
        b.append(", ETA ").append(p.eta() == null ? "--" : Format.duration(p.eta()));
        b.append(", ").append(Format.count(p.chunksDone())).append(" chunks, ").append(Format.count(p.chunksFailed())).append(" failed");
        if (p.problems() > 0) {
            b.append(", ").append(Format.count(p.problems())).append(" problems");
        }
        if (p.affected() > 0) {
            b.append(", ").append(Format.count(p.affected())).append(" affected");
        }
        if (p.throttle() != null) {
            b.append(", throttled: ").append(p.throttle());
        }
        return b.toString();
    }

    /**
     * The result for people at the end of a run: one row per table, a total, and how the run
     * ended, e.g. {@code done in 12s (100,218 rows/s, 4 workers)}.
     *
     * @param affectedLabel the job's name for affected rows, e.g. {@code INVALID ROWS}
     * @param problemsLabel the job's name for problems, e.g. {@code VIOLATIONS}
     */
    public static String summary(RunSummary s, String affectedLabel, String problemsLabel) {
        TextTable t = new TextTable("TABLE", "ROWS", affectedLabel.toUpperCase(Locale.ROOT), problemsLabel.toUpperCase(Locale.ROOT),
                "CHUNKS", "FAILED", "BUSY");
        Duration busy = Duration.ZERO;
        for (TableSummary table : s.tables()) {
            t.row(table.table(), table.rows(), table.affected(), table.problems(), table.chunks(), table.failedChunks(),
                    Format.duration(table.busyTime()));
            busy = busy.plus(table.busyTime());
        }
        t.row("total", s.rows(), s.affected(), s.problems(), s.tables().stream().mapToLong(TableSummary::chunks).sum(),
                s.tables().stream().mapToLong(TableSummary::failedChunks).sum(), Format.duration(busy));
        String throttled = "";
        if (!s.throttled().isEmpty()) {
            List<String> by = new ArrayList<>();
            s.throttled().forEach((why, d) -> by.add(why + " " + Format.duration(d)));
            throttled = "; slowed down " + Format.duration(s.throttledFor()) + " by the latency guard (" + String.join(", ", by) + ")";
        }
        return t.render() + s.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " in " + Format.duration(s.elapsed())
                + " (" + Format.rate(s.rowsPerSecond()) + " rows/s, " + s.workers() + (s.workers() == 1 ? " worker)" : " workers)")
                + throttled + System.lineSeparator();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(Math.max(0, n));
    }

    /** Text with optional ANSI styles, cut to the terminal's width by its visible characters. */
    private static final class Line {
        private final Terminal terminal;
        private final StringBuilder text = new StringBuilder();
        private int visible;
        private boolean full;

        Line(Terminal terminal) {
            this.terminal = terminal;
        }

        Line add(String s) {
            return add(s, null);
        }

        Line add(String s, String style) {
            // one column short of the width: writing the last column makes some terminals wrap
            int room = terminal.width() - 1 - visible;
            if (full || s.isEmpty()) {
                return this;
            }
            String part = s.length() <= room ? s : s.substring(0, Math.max(0, room));
            full = part.length() < s.length();
            boolean styled = style != null && terminal.color() && !part.isEmpty();
            text.append(styled ? style : "").append(part).append(styled ? RESET : "");
            visible += part.length();
            return this;
        }

        int length() {
            return visible;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
