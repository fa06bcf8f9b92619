package io.rowsweep.spring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A parameter a declared job takes at each start: its name, its type, a default value or none
 * (then it is required), and a description the console shows beside its input. Immutable: each
 * method returns a changed copy.
 *
 * <pre>{@code
 * static final JobParameter<Integer> UNITS = JobParameter.integer("units").defaultValue(1).description("units per product");
 * }</pre>
 *
 * <p>Values come as text (the console's form, query parameters, JSON) or as Java objects
 * ({@link RowSweepJobs#start(String, java.util.Map)}), and are checked against the type before the
 * job starts; a value that is not one is refused, naming the parameter and what it takes.
 *
 * @param <T> the Java type of its values
 */
public final class JobParameter<T> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

    /** What a parameter's values are. */
    public enum Type {
        /** An {@link Integer}: {@code 42}, {@code -1}. */
        INTEGER("an integer", "42"),
        /** A {@link Long}: {@code 9000000000}. */
        LONG("an integer", "9000000000"),
        /** A {@link BigDecimal}: {@code 0.25}, {@code 10}. */
        DECIMAL("a decimal number", "0.25"),
        /** A {@link String}; empty text counts as not given. */
        STRING("text", "text"),
        /** A {@link Boolean}: {@code true} or {@code false}. */
        BOOLEAN("true or false", "true"),
        /** A {@link LocalDate}: {@code 2026-01-31}. */
        DATE("a date (YYYY-MM-DD)", "2026-01-31"),
        /** An {@link Instant}: {@code 2026-01-31T12:00:00Z}. */
        INSTANT("an instant (ISO-8601 in UTC, 2026-01-31T12:00:00Z)", "2026-01-31T12:00:00Z");

        private final String described;
        private final String example;

        Type(String described, String example) {
            this.described = described;
            this.example = example;
        }

        /** What values it takes, for messages: {@code an integer}, {@code a date (YYYY-MM-DD)}. */
        public String described() {
            return described;
        }

        /** An example value, as text. */
        public String example() {
            return example;
        }

        /** Its name in lower case, as the endpoint shows it: {@code integer}, {@code date}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final Type type;
    private final Class<T> javaType;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final String description;

    private JobParameter(String name, Type type, Class<T> javaType, Function<String, T> parser, T defaultValue, String description) {
        this.name = name;
        this.type = type;
        this.javaType = javaType;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    private static <T> JobParameter<T> of(String name, Type type, Class<T> javaType, Function<String, T> parser) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot name a job parameter: a name is a letter, then up to 62 letters,"
                    + " digits, '_' or '-' (units, max-rows, since_date).");
        }
        return new JobParameter<>(name, type, javaType, parser, null, null);
    }

    /** An {@code int} parameter. */
    public static JobParameter<Integer> integer(String name) {
        return of(name, Type.INTEGER, Integer.class, Integer::valueOf);
    }

    /** A {@code long} parameter. */
    public static JobParameter<Long> longValue(String name) {
        return of(name, Type.LONG, Long.class, Long::valueOf);
    }

    /** A decimal parameter ({@link BigDecimal}, exact: {@code 0.1} is 0.1). */
    public static JobParameter<BigDecimal> decimal(String name) {
        return of(name, Type.DECIMAL, BigDecimal.class, BigDecimal::new);
    }

    /** A text parameter. */
    public static JobParameter<String> string(String name) {
        return of(name, Type.STRING, String.class, Function.identity());
    }

    /** A {@code true}/{@code false} parameter. */
    public static JobParameter<Boolean> bool(String name) {
        return of(name, Type.BOOLEAN, Boolean.class, JobParameter::parseBoolean);
    }

    /** A date parameter ({@link LocalDate}, {@code 2026-01-31}). */
    public static JobParameter<LocalDate> date(String name) {
        return of(name, Type.DATE, LocalDate.class, LocalDate::parse);
    }

    /** An instant parameter ({@link Instant}, {@code 2026-01-31T12:00:00Z}). */
    public static JobParameter<Instant> instant(String name) {
        return of(name, Type.INSTANT, Instant.class, Instant::parse);
    }

    /** Its value when a start gives none; without one, every start must give it. */
    public JobParameter<T> defaultValue(T value) {
        return new JobParameter<>(name, type, javaType, parser, Objects.requireNonNull(value, "defaultValue"), description);
    }

    /** What it means, shown beside its input in the console and in the endpoint's view. */
    public JobParameter<T> description(String text) {
        return new JobParameter<>(name, type, javaType, parser, defaultValue, Objects.requireNonNull(text, "description"));
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The Java type of its values. */
    public Class<T> javaType() {
        return javaType;
    }

    /** Its default value; null when it has none (and is required). */
    public T defaultValue() {
        return defaultValue;
    }

    /** Its description; null when it has none. */
    public String description() {
        return description;
    }

    /** Whether every start must give it: it has no default value. */
    public boolean required() {
        return defaultValue == null;
    }

    /** Its value as text, as forms, the job state and the endpoint show it: {@code 0.25}, {@code 2026-01-31}. */
    public String format(T value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** {@code units (an integer, default 1)}: for messages. */
    public String describe() {
        return name + " (" + type.described() + (required() ? ", required" : ", default " + format(defaultValue)) + ")";
    }

    /**
     * A given value as this parameter's type: text is parsed, an object of its Java type taken as it
     * is, another number taken when its value is exactly one of this type.
     *
     * @throws IllegalArgumentException naming the parameter and what it takes
     */
    T convert(Object value) {
        if (javaType.isInstance(value)) {
            return javaType.cast(value);
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString().strip();
        if (!(value instanceof CharSequence) && !(value instanceof Number) && !(value instanceof Boolean)
                && !(value instanceof LocalDate) && !(value instanceof Instant)) {
            throw refused(value.getClass().getSimpleName() + " " + text);
        }
        try {
            return Objects.requireNonNull(parser.apply(text));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw refused("'" + text + "'");
        } catch (IllegalArgumentException e) {
            throw refused("'" + text + "'");
        }
    }

    private IllegalArgumentException refused(String given) {
        return new IllegalArgumentException("parameter '" + name + "' takes " + type.described() + ", and " + given + " is not one"
                + " (e.g. " + type.example() + ")");
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException(text);
    }

    @Override
    public String toString() {
        return describe();
    }
}
