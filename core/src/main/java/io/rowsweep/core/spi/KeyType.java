package io.rowsweep.core.spi;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How the values of one key column travel between the database and rowsweep <em>exactly as the
 * database holds them</em>: read as the database's own text (e.g. {@code "email"::text}), kept as
 * that text in the job state, and bound back through an explicit cast to the column's real type
 * (e.g. {@code CAST(? AS citext)}). Comparisons therefore use the column's own type, order,
 * collation, fractions and special values ({@code infinity}, {@code NaN}), and no value ever
 * passes through a Java type or the JVM's time zone.
 *
 * <p>Instances are immutable; {@link Dialect#keyType} makes one per key column.
 */
public final class KeyType {

    /** A key shown as a JSON number where it is one (integers, decimals), else as its text ({@code NaN}). */
    public static final Function<String, Object> NUMBER = KeyType::number;
    /** A key shown as its text. */
    public static final Function<String, Object> TEXT = text -> text;
    /** A key shown as a JSON boolean ({@code true}, {@code t}, {@code 1}). */
    public static final Function<String, Object> BOOLEAN = text -> switch (text) {
        case "t", "true", "1" -> Boolean.TRUE;
        case "f", "false", "0" -> Boolean.FALSE;
        default -> text;
    };

    private final String sqlType;
    private final UnaryOperator<String> read;
    private final String placeholder;
    private final Function<String, Object> display;
    private final String operatorPrefix;

    private KeyType(String sqlType, UnaryOperator<String> read, String placeholder, Function<String, Object> display, String operatorPrefix) {
        this.sqlType = Objects.requireNonNull(sqlType, "sqlType");
        this.read = read;
        this.placeholder = Objects.requireNonNull(placeholder, "placeholder");
        this.display = Objects.requireNonNull(display, "display");
        this.operatorPrefix = operatorPrefix;
        if (!placeholder.contains("?") || placeholder.indexOf('?') != placeholder.lastIndexOf('?')) {
            throw new IllegalArgumentException("a key placeholder binds exactly one '?': " + placeholder);
        }
    }

    /**
     * A key type whose text is read with {@code read} (given the quoted column, it returns an SQL
     * expression) and bound back with {@code placeholder}.
     *
     * @param sqlType     the column's type as the database names it, for messages
     * @param read        the SQL reading a column as exact text, e.g. {@code c -> c + "::text"}; null when
     *                    {@link java.sql.ResultSet#getString} of the column itself is already exact
     * @param placeholder one {@code ?} turned back into a value of the column's type, e.g. {@code CAST(? AS citext)}
     */
    public static KeyType of(String sqlType, UnaryOperator<String> read, String placeholder) {
        return new KeyType(sqlType, read, placeholder, TEXT, null);
    }

    /** This type, shown in the violations file and messages by {@code display} (text in, a JSON-ready value out). */
    public KeyType shownAs(Function<String, Object> display) {
        return new KeyType(sqlType, read, placeholder, display, operatorPrefix);
    }

    /**
     * This type, compared with the operators of {@code schema} (quoted SQL), written
     * {@code OPERATOR(schema.<)}: the comparisons then use exactly the order the type's index and
     * {@code ORDER BY} use, whatever the session's search path finds first.
     */
    public KeyType comparedIn(String schema) {
        return new KeyType(sqlType, read, placeholder, display, schema);
    }

    /** Whether comparisons name their operators' schema ({@link #comparedIn}). */
    public boolean qualifiesOperators() {
        return operatorPrefix != null;
    }

    /** The comparison operator {@code op} ({@code <}, {@code <=}, {@code =}, {@code >=}, {@code >}) as SQL for this type. */
    public String operator(String op) {
        return operatorPrefix == null ? op : "OPERATOR(" + operatorPrefix + "." + op + ")";
    }

    /** The column's type as the database names it. */
    public String sqlType() {
        return sqlType;
    }

    /** Whether {@link java.sql.ResultSet#getString} of the column itself gives the exact text. */
    public boolean readsItself() {
        return read == null;
    }

    /** The SQL expression reading {@code column} (quoted SQL) as exact text. */
    public String read(String column) {
        return read == null ? column : read.apply(column);
    }

    /** The placeholder binding one value's text, with the cast to the column's type. */
    public String placeholder() {
        return placeholder;
    }

    /**
     * The value as people read it in the violations file: a {@link Number}, a {@link Boolean} or a
     * {@link String} that names the row (for example an ISO-8601 timestamp with its offset).
     */
    public Object display(String text) {
        if (text == null) {
            return null;
        }
        try {
            return display.apply(text);
        } catch (RuntimeException e) {
            return text; // a form the display did not expect: the database's own text still names the row
        }
    }

    private static Object number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text; // NaN, Infinity
        }
    }

    @Override
    public String toString() {
        return sqlType + " as " + placeholder;
    }
}
