package io.rowsweep.validation.internal;

import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.jpa.internal.ColumnReaders;
import io.rowsweep.jpa.internal.ValueReader;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * Beans with one property, {@code value}, of each Java type a column is read as. Rules-file
 * constraints are mapped onto {@code value} with Hibernate Validator's programmatic API and
 * checked with {@code validateValue}, so their semantics and messages are exactly those of the
 * same annotations on an entity field of that type.
 */
final class ValueHolders {

    private ValueHolders() {
    }

    /** A text column. */
    public static final class Text {
        public String value;
    }

    /** An integer column (tinyint, smallint, integer). */
    public static final class Int {
        public Integer value;
    }

    /** A bigint column. */
    public static final class BigInt {
        public Long value;
    }

    /** A numeric or decimal column. */
    public static final class Decimal {
        public BigDecimal value;
    }

    /** A floating-point column. */
    public static final class Floating {
        public Double value;
    }

    /** A boolean or bit column. */
    public static final class Bool {
        public Boolean value;
    }

    /** A date column. */
    public static final class Date {
        public LocalDate value;
    }

    /** A timestamp column without time zone. */
    public static final class Timestamp {
        public LocalDateTime value;
    }

    /** A timestamp column with time zone. */
    public static final class TimestampTz {
        public OffsetDateTime value;
    }

    /** A time column. */
    public static final class Time {
        public LocalTime value;
    }

    /** A binary column. */
    public static final class Binary {
        public byte[] value;
    }

    /** A UUID column. */
    public static final class Uuid {
        public UUID value;
    }

    /** An array column: its elements, so NotEmpty and Size count them (not the characters of its text). */
    public static final class Array {
        public Object[] value;
    }

    /**
     * The holder for a column, by its type: the database's own type name first (pgjdbc reports a
     * timestamptz as a TIMESTAMP, a timetz as a TIME), then its JDBC type; anything else is read as text.
     */
    static Class<?> forColumn(Column c) {
        String base = c.baseType() == null ? "" : c.baseType();
        if (base.equals("timestamptz")) {
            return TimestampTz.class;
        }
        if (base.equals("timetz") || base.equals("interval")) {
            return Text.class;
        }
        if (base.equals("array") || c.jdbcType() == Types.ARRAY) {
            return Array.class;
        }
        switch (c.jdbcType()) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
                return Int.class;
            case Types.BIGINT:
                return BigInt.class;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return Decimal.class;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return Floating.class;
            case Types.BOOLEAN:
                return Bool.class;
            case Types.BIT:
                return c.size() > 1 ? Binary.class : Bool.class;
            case Types.DATE:
                return Date.class;
            case Types.TIMESTAMP:
                return Timestamp.class;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return TimestampTz.class;
            case Types.TIME:
                return Time.class;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return Binary.class;
            default:
                return c.typeName() != null && c.typeName().toLowerCase(Locale.ROOT).equals("uuid") ? Uuid.class : Text.class;
        }
    }

    /** A value of the holder's type, to find out when the holder is made whether its constraints can check that type. */
    static Object sample(Class<?> holder) {
        Class<?> t = valueType(holder);
        if (t == String.class) {
            return "x";
        }
        if (t == Integer.class) {
            return 1;
        }
        if (t == Long.class) {
            return 1L;
        }
        if (t == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (t == Double.class) {
            return 1.0;
        }
        if (t == Boolean.class) {
            return Boolean.TRUE;
        }
        if (t == LocalDate.class) {
            return LocalDate.of(2000, 1, 1);
        }
        if (t == LocalDateTime.class) {
            return LocalDateTime.of(2000, 1, 1, 0, 0);
        }
        if (t == OffsetDateTime.class) {
            return OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
        }
        if (t == LocalTime.class) {
            return LocalTime.NOON;
        }
        if (t == byte[].class) {
            return new byte[1];
        }
        if (t == Object[].class) {
            return new Object[1];
        }
        return UUID.randomUUID();
    }

    /** How a column is read into {@code holder}'s value: arrays element by element, the rest by {@link ColumnReaders}. */
    static ValueReader reader(Class<?> holder, Column column) {
        if (holder == Array.class) {
            return (rs, i) -> {
                java.sql.Array a = rs.getArray(i);
                try {
                    return a == null ? null : (Object[]) a.getArray();
                } finally {
                    if (a != null) {
                        a.free();
                    }
                }
            };
        }
        return ColumnReaders.of(valueType(holder), column, true, null);
    }

    /** The Java type of a holder's {@code value}. */
    static Class<?> valueType(Class<?> holder) {
        try {
            return holder.getField("value").getType();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(holder + " is not a value holder", e);
        }
    }
}
