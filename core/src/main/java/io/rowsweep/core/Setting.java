package io.rowsweep.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting, declared once: its name is the same in the Java API (as a builder method), the CLI
 * ({@code --chunk-time}), the environment ({@code ROWSWEEP_CHUNK_TIME}) and the properties file
 * ({@code chunk-time=2s}). A setting parses and checks its values, and its error messages name
 * where the bad value came from.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(b|k|kb|m|mb|g|gb)?");
    private static final String[] BYTE_UNITS = {"B", "KB", "MB", "GB"};

    private final String name;
    private final Class<T> type;
    private final Supplier<T> defaultValue;
    private final String description;
    private final Function<String, T> parser;
    private final Check<T> check;
    /** What a value is, as error messages name it; null to derive it from the type. */
    private final String kind;

    /** Checks a value; returns a reason why it is wrong, or null when it is fine. */
    @FunctionalInterface
    public interface Check<T> {
        String problem(T value);
    }

    private Setting(String name, Class<T> type, Supplier<T> defaultValue, String description,
                    Function<String, T> parser, Check<T> check) {
        this(name, type, defaultValue, description, parser, check, null);
    }

    private Setting(String name, Class<T> type, Supplier<T> defaultValue, String description,
                    Function<String, T> parser, Check<T> check, String kind) {
        this.kind = kind;
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.check = check == null ? v -> null : check;
    }

    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return integer(name, () -> defaultValue, min, max, description);
    }

    public static Setting<Integer> integer(String name, Supplier<Integer> defaultValue, int min, int max, String description) {
        return new Setting<>(name, Integer.class, defaultValue, description, Integer::valueOf,
                v -> v < min || v > max ? "must be between " + min + " and " + max : null);
    }

    public static Setting<Long> longValue(String name, long defaultValue, long min, String description) {
        return new Setting<>(name, Long.class, () -> defaultValue, description, Long::valueOf,
                v -> v < min ? "must be at least " + min : null);
    }

    /**
     * A size in bytes, written {@code 64MB}, {@code 512KB}, {@code 1GB} or a plain number of bytes.
     *
     * @param defaultValue null for a default worked out where the setting is used
     */
    public static Setting<Long> bytes(String name, Long defaultValue, long min, String description) {
        return new Setting<>(name, Long.class, () -> defaultValue, description, Setting::parseBytes,
                v -> v < min ? "must be at least " + formatBytes(min) : null, "size (e.g. 512KB, 64MB, 1GB)");
    }

    public static Setting<Duration> duration(String name, Duration defaultValue, Duration min, String description) {
        return new Setting<>(name, Duration.class, () -> defaultValue, description, Setting::parseDuration,
                v -> v.compareTo(min) < 0 ? "must be at least " + format(min) : null);
    }

    public static Setting<String> string(String name, String defaultValue, String description) {
        return new Setting<>(name, String.class, () -> defaultValue, description, s -> s, v -> v.isBlank() ? "must not be blank" : null);
    }

    /** A text setting that must fit where it is kept: at most {@code maxLength} characters. */
    public static Setting<String> string(String name, String defaultValue, int maxLength, String description) {
        return new Setting<>(name, String.class, () -> defaultValue, description, s -> s, v -> v.isBlank() ? "must not be blank"
                : v.length() > maxLength ? "must be at most " + maxLength + " characters long, not " + v.length() + "; shorten it" : null);
    }

    public static Setting<Boolean> flag(String name, String description) {
        return new Setting<>(name, Boolean.class, () -> Boolean.FALSE, description, Setting::parseBoolean, null);
    }

    public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, E defaultValue, String description) {
        return new Setting<>(name, type, () -> defaultValue, description, s -> parseEnum(type, s), null);
    }

    /** The setting's name: a lower-case, dash-separated word such as {@code chunk-time}. */
    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** The default value, or null when the setting has none. */
    public T defaultValue() {
        return defaultValue == null ? null : defaultValue.get();
    }

    /** The CLI flag, e.g. {@code --chunk-time}. */
    public String cliFlag() {
        return "--" + name;
    }

    /** The environment variable, e.g. {@code ROWSWEEP_CHUNK_TIME}. */
    public String envVar() {
        return "ROWSWEEP_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Parses and checks a value written as text.
     *
     * @param source where the text came from, named in the error (e.g. {@code --chunk-time})
     */
    public T parse(String text, String source) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            // Only the duration parser's own message helps; the JDK's (NumberFormatException, Enum.valueOf) would leak Java.
            String why = type == Duration.class && e.getMessage() != null ? " (" + e.getMessage() + ")" : "";
            throw RowSweepException.usage(source + ": '" + text + "' is not a valid " + describeType() + why);
        }
        return check(value, source);
    }

    /**
     * Checks a value given directly (API call); throws a usage error naming {@code source}.
     */
    public T check(T value, String source) {
        if (value == null) {
            throw RowSweepException.usage(source + " must not be null");
        }
        String problem = check.problem(value);
        if (problem != null) {
            // Blank or long text is not echoed: the message stays one readable line.
            String got = value instanceof String && (((String) value).isBlank() || ((String) value).length() > 60) ? ""
                    : ", got " + render(value);
            throw RowSweepException.usage(source + " " + problem + got);
        }
        return value;
    }

    /** A value as a user would write it (durations as {@code 1s}, enums in lower case). */
    public String render(Object value) {
        if (value instanceof Duration) {
            return format((Duration) value);
        }
        if (value instanceof Long && kind != null && kind.startsWith("size")) {
            return formatBytes((Long) value);
        }
        if (value instanceof Enum<?>) {
            return ((Enum<?>) value).name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return String.valueOf(value);
    }

    private String describeType() {
        if (kind != null) {
            return kind;
        }
        if (type == Duration.class) {
            return "duration (e.g. 500ms, 2s, 1m)";
        }
        if (type.isEnum()) {
            StringBuilder b = new StringBuilder("value (one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                b.append(i == 0 ? "" : ", ").append(render(constants[i]));
            }
            return b.append(')').toString();
        }
        if (type == Integer.class || type == Long.class) {
            return "whole number";
        }
        if (type == Boolean.class) {
            return "boolean (true/false)";
        }
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 3m}, {@code 1h}, ISO-8601 ({@code PT2S}) and {@code 0}; a number
     * without its unit is refused, since {@code 500} may mean milliseconds as much as seconds.
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a number followed by ms, s, m or h");
        }
        double amount = Double.parseDouble(m.group(1));
        if (m.group(2) == null && amount != 0) {
            throw new IllegalArgumentException("a number needs its unit: " + m.group(1) + "ms or " + m.group(1) + "s");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis;
        switch (unit) {
            case "ms":
                millis = amount;
                break;
            case "m":
                millis = amount * 60_000;
                break;
            case "h":
                millis = amount * 3_600_000;
                break;
            default:
                millis = amount * 1000;
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Parses {@code 64MB}, {@code 64m}, {@code 512KB}, {@code 1GB} (powers of 1024) or a plain number of bytes. */
    public static long parseBytes(String text) {
        Matcher m = BYTES.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a number followed by KB, MB or GB");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        int shift = "bkmg".indexOf(unit) * 10;
        return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    }

    /** Formats a size the way {@link #parseBytes} reads it, in the largest unit that divides it. */
    public static String formatBytes(long bytes) {
        int unit = 0;
        long v = bytes;
        while (unit < BYTE_UNITS.length - 1 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            unit++;
        }
        return v + BYTE_UNITS[unit];
    }

    /** Formats a duration the way {@link #parseDuration} reads it. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static Boolean parseBoolean(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
            case "1":
                return Boolean.TRUE;
            case "false":
            case "no":
            case "off":
            case "0":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("expected true or false");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String s) {
        return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @Override
    public String toString() {
        return name;
    }
}
