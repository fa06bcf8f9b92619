package io.rowsweep.report.internal;

import java.util.ArrayList;
import java.util.List;

/** Tick positions and labels for the charts: time since the run's start, and "nice" value steps. */
final class Axis {

    private static final long[] TIME_STEPS_MS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};

    private Axis() {
    }

    /** Ticks every "round" step so that at most {@code maxTicks} fit in {@code spanMs}. */
    static List<Long> timeTicks(long spanMs, int maxTicks) {
        long step = TIME_STEPS_MS[TIME_STEPS_MS.length - 1];
        for (long s : TIME_STEPS_MS) {
            if (spanMs / s <= maxTicks) {
                step = s;
                break;
            }
        }
        List<Long> ticks = new ArrayList<>();
        for (long t = 0; t <= spanMs; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    /** {@code 0s}, {@code 0.5s}, {@code 45s}, {@code 2m}, {@code 2m30s}, {@code 1h}, {@code 1h30m}. */
    static String timeLabel(long ms) {
        if (ms == 0) {
            return "0s";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : Html.num(ms / 1000.0) + "s";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        return s / 3600 + "h" + ((s % 3600) / 60 == 0 ? "" : (s % 3600) / 60 + "m");
    }

    /** The smallest 1, 2 or 5 times a power of ten giving at most {@code maxTicks} steps up to {@code max}. */
    static double niceStep(double max, int maxTicks) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / maxTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
