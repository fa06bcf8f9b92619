package io.rowsweep.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers, durations and times the way the progress bar, the status command and the report show them. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Format() {
    }

    /** {@code 1,232,687}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Rows per second, grouped and without decimals: {@code 112,345}. */
    public static String rate(double perSecond) {
        return count(Math.round(perSecond));
    }

    /** {@code 850ms}, {@code 4.2s}, {@code 59s}, {@code 6m05s}, {@code 1h02m}. */
    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** {@code 2025-01-31 14:05:09} in the given zone. */
    public static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    /** {@code 3s ago}, {@code 5m02s ago}; {@code just now} under a second. */
    public static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        return d.toMillis() < 1000 ? "just now" : duration(d) + " ago";
    }

    /** Percent with no decimals, {@code 48%}. */
    public static String percent(double fraction) {
        return Math.round(Math.max(0, Math.min(1, fraction)) * 100) + "%";
    }

    /** The text cut to {@code max} characters, ending in an ellipsis when cut. */
    public static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s*\\n\\s*", " ");
        return flat.length() <= max ? flat : flat.substring(0, Math.max(0, max - 1)) + "…";
    }
}
