package io.rowsweep.report.internal;


import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The worker timeline: one lane per worker, each chunk a bar from its start to its end, coloured
 * by table, failed chunks hatched red, unfinished ones dashed; hovering a bar tells its chunk. Up to
 * {@link #MAX_BARS} chunks are drawn one by one; beyond that each lane is drawn per pixel column,
 * in the colour of the table its worker spent most of that column on, so the SVG stays small
 * whatever the number of chunks.
 */
final class TimelineChart {

    static final int WIDTH = 1100;
    static final int MAX_BARS = 2500;
    /** Failed chunks are always drawn one by one, up to this many. */
    static final int MAX_FAILED_BARS = 500;

    private static final int LABEL = 140;
    private static final int RIGHT = 14;
    private static final int TOP = 4;
    private static final int AXIS = 24;
    /** A column counts as busy with a table when that table filled at least this share of it. */
    private static final double BUSY_SHARE = 0.3;

    private final List<ReportChunk> chunks;
    private final long t0;
    private final long span;
    private final TableColors colors;
    private final List<String> lanes;
    private final Map<String, Integer> laneOf = new LinkedHashMap<>();
    private final double laneHeight;
    private final boolean oneProcess;
    private final double plotWidth = WIDTH - LABEL - RIGHT;

    TimelineChart(List<ReportChunk> chunks, long t0, long t1, TableColors colors) {
        this.chunks = chunks;
        this.t0 = t0;
        this.span = Math.max(1, t1 - t0);
        this.colors = colors;
        this.lanes = lanes(chunks);
        for (int i = 0; i < lanes.size(); i++) {
            laneOf.put(lanes.get(i), i);
        }
        this.laneHeight = Math.max(7, Math.min(30, 360.0 / Math.max(1, lanes.size())));
        this.oneProcess = lanes.stream().map(TimelineChart::process).distinct().count() <= 1;
    }

    /** Whether chunks are drawn per pixel column instead of one by one. */
    boolean aggregated() {
        return chunks.size() > MAX_BARS;
    }

    String render() {
        double plotHeight = lanes.size() * laneHeight;
        double height = TOP + plotHeight + AXIS;
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(Html.num(height))
                .append("\" role=\"img\" aria-label=\"worker timeline\">");
        svg.append("<defs><pattern id=\"rs-failed\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fecaca\"/>"
                + "<rect width=\"3\" height=\"6\" fill=\"").append(TableColors.FAILED).append("\"/></pattern></defs>");
        for (int i = 0; i < lanes.size(); i++) {
            double y = TOP + i * laneHeight;
            if (i % 2 == 0) {
                svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(Html.num(y)).append("\" width=\"")
                        .append(Html.num(plotWidth)).append("\" height=\"").append(Html.num(laneHeight)).append("\" fill=\"#f8fafc\"/>");
            }
            if (laneHeight >= 10) {
                svg.append("<text class=\"lane\" x=\"").append(LABEL - 8).append("\" y=\"").append(Html.num(y + laneHeight / 2 + 4))
                        .append("\" text-anchor=\"end\">").append(Html.esc(laneLabel(lanes.get(i)))).append("</text>");
            }
        }
        timeAxis(svg, TOP, plotHeight);
        if (aggregated()) {
            drawColumns(svg);
        } else {
            for (ReportChunk c : chunks) {
                if (!c.failed()) {
                    bar(svg, c);
                }
            }
        }
        int failed = 0;
        for (ReportChunk c : chunks) {
            if (c.failed() && failed++ < MAX_FAILED_BARS) {
                bar(svg, c);
            }
        }
        return svg.append("</svg>").toString();
    }

    private void timeAxis(StringBuilder svg, double top, double plotHeight) {
        for (long tick : Axis.timeTicks(span, 10)) {
            double x = x(t0 + tick);
            svg.append("<line x1=\"").append(Html.num(x)).append("\" x2=\"").append(Html.num(x)).append("\" y1=\"").append(Html.num(top))
                    .append("\" y2=\"").append(Html.num(top + plotHeight + 4)).append("\" class=\"grid\"/>");
            svg.append("<text class=\"tick\" x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(top + plotHeight + 17))
                    .append("\" text-anchor=\"middle\">").append(Axis.timeLabel(tick)).append("</text>");
        }
    }

    private void bar(StringBuilder svg, ReportChunk c) {
        long end = c.finishedAt() > 0 ? c.finishedAt() : t0 + span;
        double x = x(c.startedAt());
        double w = Math.max(1, x(end) - x);
        double y = TOP + laneOf.get(c.worker()) * laneHeight + 2;
        double h = laneHeight - 4;
        svg.append("<rect x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(y)).append("\" width=\"").append(Html.num(w))
                .append("\" height=\"").append(Html.num(h)).append('"');
        if (c.failed()) {
            svg.append(" fill=\"url(#rs-failed)\" stroke=\"").append(TableColors.FAILED).append("\" stroke-width=\"1\"");
        } else if (c.running()) {
            svg.append(" fill=\"").append(colors.color(c.table())).append("\" fill-opacity=\"0.35\" stroke=\"")
                    .append(colors.color(c.table())).append("\" stroke-dasharray=\"3 2\"");
        } else {
            svg.append(" fill=\"").append(colors.color(c.table())).append('"');
            if (w > 4) {
                svg.append(" stroke=\"#fff\" stroke-width=\"0.6\"");
            }
        }
        svg.append("><title>").append(Html.esc(title(c, end))).append("</title></rect>");
    }

    private String title(ReportChunk c, long end) {
        StringBuilder t = new StringBuilder(c.table()).append(" chunk ").append(c.number()).append(' ').append(c.range())
                .append("\n").append(Format.count(c.rows())).append(" rows in ").append(Format.duration(Duration.ofMillis(end - c.startedAt())))
                .append(", from +").append(Axis.timeLabel(c.startedAt() - t0)).append(" on ").append(laneLabel(c.worker()));
        if (c.failed()) {
            t.append("\nFAILED after ").append(c.attempts()).append(c.attempts() == 1 ? " attempt: " : " attempts: ")
                    .append(Format.abbreviate(c.error(), 400));
        } else if (c.running()) {
            t.append("\nunfinished: the run ended while it ran; it is redone on resume");
        }
        return t.toString();
    }

    /** Per lane and pixel column: busy time, chunks started and rows, by table colour slot; then runs of equal colour. */
    private void drawColumns(StringBuilder svg) {
        int columns = (int) plotWidth;
        int slots = colors.slots();
        double msPerColumn = (double) span / columns;
        double[][][] busy = new double[lanes.size()][columns][slots];
        long[][][] started = new long[lanes.size()][columns][slots];
        long[][][] rows = new long[lanes.size()][columns][slots];
        for (ReportChunk c : chunks) {
            if (c.failed()) {
                continue;
            }
            int lane = laneOf.get(c.worker());
            int slot = colors.slot(c.table());
            double from = (c.startedAt() - t0) / msPerColumn;
            double to = ((c.finishedAt() > 0 ? c.finishedAt() : t0 + span) - t0) / msPerColumn;
            int first = clamp((int) Math.floor(from), columns);
            int last = clamp((int) Math.ceil(to) - 1, columns);
            started[lane][first][slot]++;
            rows[lane][first][slot] += c.rows();
            for (int col = first; col <= last; col++) {
                busy[lane][col][slot] += Math.max(0, Math.min(to, col + 1) - Math.max(from, col));
            }
        }
        for (int lane = 0; lane < lanes.size(); lane++) {
            int runStart = 0;
            int runSlot = dominant(busy[lane][0]);
            for (int col = 1; col <= columns; col++) {
                int slot = col == columns ? Integer.MIN_VALUE : dominant(busy[lane][col]);
                if (slot != runSlot) {
                    if (runSlot >= 0) {
                        column(svg, lane, runStart, col, runSlot, started[lane], rows[lane], msPerColumn);
                    }
                    runStart = col;
                    runSlot = slot;
                }
            }
        }
    }

    private void column(StringBuilder svg, int lane, int from, int to, int slot, long[][] started, long[][] rows, double msPerColumn) {
        long n = 0;
        long r = 0;
        for (int col = from; col < to; col++) {
            n += started[col][slot];
            r += rows[col][slot];
        }
        double y = TOP + lane * laneHeight + 2;
        svg.append("<rect x=\"").append(Html.num(LABEL + from)).append("\" y=\"").append(Html.num(y)).append("\" width=\"")
                .append(to - from).append("\" height=\"").append(Html.num(laneHeight - 4)).append("\" fill=\"").append(colors.color(slot))
                .append("\"><title>").append(Html.esc(colors.label(slot) + ": " + Format.count(n) + " chunks, " + Format.count(r)
                        + " rows from +" + Axis.timeLabel(Math.round(from * msPerColumn)) + " to +"
                        + Axis.timeLabel(Math.round(to * msPerColumn)) + " on " + laneLabel(lanes.get(lane))))
                .append("</title></rect>");
    }

    /** The slot filling most of the column, or -1 when the worker was mostly idle there. */
    private static int dominant(double[] busyBySlot) {
        int best = -1;
        double max = BUSY_SHARE;
        for (int s = 0; s < busyBySlot.length; s++) {
            if (busyBySlot[s] >= max) {
                best = s;
                max = busyBySlot[s];
            }
        }
        return best;
    }

    private static int clamp(int col, int columns) {
        return Math.max(0, Math.min(columns - 1, col));
    }

    private double x(long t) {
        return LABEL + (double) (t - t0) / span * plotWidth;
    }

    /** Workers in natural order: {@code rowsweep-2} before {@code rowsweep-10}. */
    private static List<String> lanes(List<ReportChunk> chunks) {
        Set<String> workers = new HashSet<>();
        for (ReportChunk c : chunks) {
            workers.add(c.worker());
        }
        Map<String, String> byKey = new TreeMap<>();
        workers.forEach(w -> byKey.put(naturalKey(w), w));
        return new ArrayList<>(byKey.values());
    }

    private static String naturalKey(String s) {
        StringBuilder b = new StringBuilder();
        StringBuilder digits = new StringBuilder();
        for (char ch : (s + "\u0000").toCharArray()) {
            if (Character.isDigit(ch)) {
                digits.append(ch);
                continue;
            }
            if (digits.length() > 0) {
                b.append(String.format("%012d", Long.parseLong(digits.length() > 12 ? digits.substring(0, 12) : digits.toString())));
                digits.setLength(0);
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** {@code rowsweep-3} when every worker ran in one process, else with its {@code host:pid}. */
    private String laneLabel(String worker) {
        return oneProcess ? worker.substring(worker.lastIndexOf('/') + 1) : worker;
    }

    private static String process(String worker) {
        int slash = worker.lastIndexOf('/');
        return slash < 0 ? "" : worker.substring(0, slash);
    }
}
