package io.rowsweep.report.internal;


import java.util.List;

/**
 * Rows per second over the run, stacked by table. Each chunk's rows are spread evenly over its
 * start-to-end time, then summed per time bucket; the dashed line is the run's average.
 */
final class ThroughputChart {

    static final int WIDTH = 1100;
    private static final int HEIGHT = 250;
    private static final int LEFT = 64;
    private static final int RIGHT = 14;
    private static final int TOP = 12;
    private static final int BOTTOM = 26;
    private static final long MIN_BUCKET_MS = 250;
    private static final int MAX_BUCKETS = 160;
    private static final int MIN_BUCKETS = 20;

    private final List<ReportChunk> chunks;
    private final long t0;
    private final long span;
    private final TableColors colors;
    private final double plotWidth = WIDTH - LEFT - RIGHT;
    private final double plotHeight = HEIGHT - TOP - BOTTOM;

    ThroughputChart(List<ReportChunk> chunks, long t0, long t1, TableColors colors) {
        this.chunks = chunks;
        this.t0 = t0;
        this.span = Math.max(1, t1 - t0);
        this.colors = colors;
    }

    String render() {
        int buckets = (int) Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, span / MIN_BUCKET_MS));
        double bucketMs = (double) span / buckets;
        double[][] rowsPerBucket = new double[colors.slots()][buckets];
        long totalRows = 0;
        for (ReportChunk c : chunks) {
            if (c.failed() || c.running() || c.rows() <= 0) {
                continue;
            }
            totalRows += c.rows();
            double from = (c.startedAt() - t0) / bucketMs;
            double to = Math.max(from + 1e-6, (Math.max(c.finishedAt(), c.startedAt()) - t0) / bucketMs);
            double perBucket = c.rows() / (to - from);
            int slot = colors.slot(c.table());
            for (int b = Math.max(0, (int) Math.floor(from)); b < Math.min(buckets, (int) Math.ceil(to)); b++) {
                rowsPerBucket[slot][b] += perBucket * (Math.min(to, b + 1) - Math.max(from, b));
            }
        }
        double toRate = 1000.0 / bucketMs;
        double[][] stacked = new double[colors.slots() + 1][buckets];
        double max = 0;
        for (int s = 0; s < colors.slots(); s++) {
            for (int b = 0; b < buckets; b++) {
                stacked[s + 1][b] = stacked[s][b] + rowsPerBucket[s][b] * toRate;
                max = Math.max(max, stacked[s + 1][b]);
            }
        }
        double step = Axis.niceStep(max, 4);
        double yMax = Math.max(step, Math.ceil(max / step) * step);

        StringBuilder svg = new StringBuilder(32 * 1024);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"throughput over time\">");
        for (double v = 0; v <= yMax + step / 2; v += step) {
            double y = y(v, yMax);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(Html.num(LEFT + plotWidth)).append("\" y1=\"")
                    .append(Html.num(y)).append("\" y2=\"").append(Html.num(y)).append("\" class=\"grid\"/>");
            svg.append("<text class=\"tick\" x=\"").append(LEFT - 8).append("\" y=\"").append(Html.num(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.compact(v)).append("</text>");
        }
        for (long tick : Axis.timeTicks(span, 10)) {
            double x = LEFT + (double) tick / span * plotWidth;
            svg.append("<text class=\"tick\" x=\"").append(Html.num(x)).append("\" y=\"").append(HEIGHT - 8)
                    .append("\" text-anchor=\"middle\">").append(Axis.timeLabel(tick)).append("</text>");
        }
        for (int s = 0; s < colors.slots(); s++) {
            if (!hasRows(rowsPerBucket[s])) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            for (int b = 0; b < buckets; b++) {
                point(d, b == 0 ? "M" : "L", LEFT + b * plotWidth / buckets, y(stacked[s + 1][b], yMax));
                point(d, "L", LEFT + (b + 1) * plotWidth / buckets, y(stacked[s + 1][b], yMax));
            }
            for (int b = buckets - 1; b >= 0; b--) {
                point(d, "L", LEFT + (b + 1) * plotWidth / buckets, y(stacked[s][b], yMax));
                point(d, "L", LEFT + b * plotWidth / buckets, y(stacked[s][b], yMax));
            }
            svg.append("<path d=\"").append(d).append("Z\" fill=\"").append(colors.color(s)).append("\" fill-opacity=\"0.85\"><title>")
                    .append(Html.esc(colors.label(s))).append("</title></path>");
        }
        double average = totalRows / (span / 1000.0);
        if (totalRows > 0) {
            double y = y(average, yMax);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(Html.num(LEFT + plotWidth)).append("\" y1=\"")
                    .append(Html.num(y)).append("\" y2=\"").append(Html.num(y)).append("\" class=\"average\"/>");
            svg.append("<text class=\"average-label\" x=\"").append(Html.num(LEFT + plotWidth - 6)).append("\" y=\"")
                    .append(Html.num(Math.max(TOP + 10, y - 6))).append("\" text-anchor=\"end\">average ")
                    .append(Format.rate(average)).append(" rows/s</text>");
        }
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(Html.num(LEFT + plotWidth)).append("\" y1=\"")
                .append(Html.num(TOP + plotHeight)).append("\" y2=\"").append(Html.num(TOP + plotHeight)).append("\" class=\"axis\"/>");
        return svg.append("</svg>").toString();
    }

    private double y(double value, double yMax) {
        return TOP + plotHeight - value / yMax * plotHeight;
    }

    private static void point(StringBuilder d, String command, double x, double y) {
        d.append(command).append(Html.num(x)).append(',').append(Html.num(y)).append(' ');
    }

    private static boolean hasRows(double[] values) {
        for (double v : values) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }
}
