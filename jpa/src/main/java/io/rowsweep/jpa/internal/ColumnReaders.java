package io.rowsweep.jpa.internal;

import io.rowsweep.core.spi.schema.Column;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Picks, once per column, how to read it as a field's Java type: the driver's typed getter where
 * one fits (so primitives and strings are read without detours), else a conversion. Covers
 * strings, primitives and wrappers, {@code BigDecimal}/{@code BigInteger}, enums by name or
 * ordinal, {@code java.time} types, {@code java.util.Date} and the {@code java.sql} types,
 * {@code UUID} (native, {@code binary(16)} or text), {@code byte[]}, booleans from
 * {@code tinyint}, and JPA {@code AttributeConverter}s.
 */
public final class ColumnReaders {

    private ColumnReaders() {
    }

    /** Whether a driver error is about the value (SQL state class 22, data exception), not the connection or the query. */
    public static boolean isDataError(SQLException e) {
        return e instanceof SQLDataException || (e.getSQLState() != null && e.getSQLState().startsWith("22"));
    }

    /**
     * A reader of {@code column} as {@code type}.
     *
     * @param enumOrdinal for an enum: read the ordinal (JPA's default) unless the column holds text
     * @param temporal    {@code @Temporal}'s type for {@code java.util.Date} (DATE, TIME, TIMESTAMP), or null
     */
    public static ValueReader of(Class<?> type, Column column, boolean enumOrdinal, String temporal) {
        Class<?> t = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
        if (t == String.class) {
            return ResultSet::getString;
        }
        if (t == Integer.class) {
            return (rs, i) -> {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : v;
            };
        }
        if (t == Long.class) {
            return (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            };
        }
        if (t == Boolean.class) {
            return (rs, i) -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            };
        }
        if (t == Double.class) {
            return (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            };
        }
        if (t == Float.class) {
            return (rs, i) -> {
                float v = rs.getFloat(i);
                return rs.wasNull() ? null : v;
            };
        }
        if (t == Short.class) {
            return (rs, i) -> {
                short v = rs.getShort(i);
                return rs.wasNull() ? null : v;
            };
        }
        if (t == Byte.class) {
            return (rs, i) -> {
                byte v = rs.getByte(i);
                return rs.wasNull() ? null : v;
            };
        }
        if (t == Character.class) {
            return (rs, i) -> {
                String s = rs.getString(i);
                if (s == null) {
                    return null;
                }
                if (s.length() != 1) {
                    throw new IllegalArgumentException("'" + s + "' is not a single character");
                }
                return s.charAt(0);
            };
        }
        if (t == BigDecimal.class) {
            return ResultSet::getBigDecimal;
        }
        if (t == BigInteger.class) {
            return (rs, i) -> {
                BigDecimal d = rs.getBigDecimal(i);
                if (d == null) {
                    return null;
                }
                try {
                    return d.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(d + " is not a whole number");
                }
            };
        }
        if ((column.jdbcType() == Types.ARRAY || "array".equals(column.baseType()))
                && (t.isArray() || java.util.Collection.class.isAssignableFrom(t))) {
            return arrayReader(t);
        }
        if (t == byte[].class) {
            return ResultSet::getBytes;
        }
        if (t == UUID.class) {
            return (rs, i) -> uuid(rs.getObject(i));
        }
        if (t.isEnum()) {
            return enumReader(t, column, enumOrdinal);
        }
        if (t == LocalDate.class) {
            return (rs, i) -> rs.getObject(i, LocalDate.class);
        }
        if (t == LocalDateTime.class) {
            return (rs, i) -> rs.getObject(i, LocalDateTime.class);
        }
        if (t == LocalTime.class) {
            return (rs, i) -> rs.getObject(i, LocalTime.class);
        }
        if (t == Instant.class) {
            return (rs, i) -> {
                Timestamp ts = rs.getTimestamp(i);
                return ts == null ? null : ts.toInstant();
            };
        }
        if (t == OffsetDateTime.class || t == ZonedDateTime.class) {
            boolean zoned = t == ZonedDateTime.class;
            // pgjdbc reports a timestamptz as a TIMESTAMP; its type name tells. Read with its offset, never the JVM's zone.
            if (column.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equals(column.baseType())) {
                return (rs, i) -> {
                    OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                    return v == null || !zoned ? v : v.toZonedDateTime();
                };
            }
            return (rs, i) -> {
                Timestamp ts = rs.getTimestamp(i);
                if (ts == null) {
                    return null;
                }
                ZonedDateTime z = ts.toInstant().atZone(ZoneId.systemDefault());
                return zoned ? z : z.toOffsetDateTime();
            };
        }
        if (t == java.sql.Date.class || (t == java.util.Date.class && ("DATE".equals(temporal)
                || (temporal == null && column.jdbcType() == Types.DATE)))) {
            return ResultSet::getDate;
        }
        if (t == java.sql.Time.class || (t == java.util.Date.class && ("TIME".equals(temporal)
                || (temporal == null && column.jdbcType() == Types.TIME)))) {
            return ResultSet::getTime;
        }
        if (t == Timestamp.class || t == java.util.Date.class) {
            return ResultSet::getTimestamp;
        }
        return (rs, i) -> {
            Object v = rs.getObject(i);
            if (v != null && !t.isInstance(v)) {
                throw new IllegalArgumentException("a " + column.typeName() + " value (" + v.getClass().getName()
                        + ") cannot be stored in a " + t.getName() + "; map it with an AttributeConverter");
            }
            return v;
        };
    }

    /** A reader that reads {@code column} as the converter's database type and converts it to the attribute's type. */
    public static ValueReader converted(Class<?> converterClass, Column column) {
        Class<?> dbType = converterDatabaseType(converterClass);
        ValueReader raw = dbType == null ? ResultSet::getObject : of(dbType, column, true, null);
        MethodHandle convert;
        try {
            Constructor<?> ctor = converterClass.getDeclaredConstructor();
            ctor.setAccessible(true);
            Object converter = ctor.newInstance();
            java.lang.reflect.Method m = converterClass.getMethod("convertToEntityAttribute", Object.class);
            m.setAccessible(true);
            convert = MethodHandles.lookup().unreflect(m).bindTo(converter).asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot instantiate the AttributeConverter " + converterClass.getName() + ": " + e, e);
        }
        return (rs, i) -> {
            Object v = raw.read(rs, i);
            try {
                return convert.invokeExact(v);
            } catch (RuntimeException | Error e) {
                throw new IllegalArgumentException(converterClass.getSimpleName() + " failed: " + e, e);
            } catch (Throwable e) {
                throw new IllegalArgumentException(converterClass.getSimpleName() + " failed: " + e, e);
            }
        };
    }

    private static Class<?> converterDatabaseType(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Type i : k.getGenericInterfaces()) {
                if (i instanceof ParameterizedType && ((ParameterizedType) i).getRawType() == jakarta.persistence.AttributeConverter.class) {
                    Type y = ((ParameterizedType) i).getActualTypeArguments()[1];
                    return y instanceof Class<?> ? (Class<?>) y : null;
                }
            }
        }
        return null;
    }

    private static boolean isText(Column column) {
        switch (column.jdbcType()) {
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
            case Types.OTHER: // PostgreSQL enum types
                return true;
            default:
                return false;
        }
    }

    private static ValueReader enumReader(Class<?> type, Column column, boolean ordinal) {
        Object[] constants = type.getEnumConstants();
        if (ordinal && !isText(column)) {
            return (rs, i) -> {
                int v = rs.getInt(i);
                if (rs.wasNull()) {
                    return null;
                }
                if (v < 0 || v >= constants.length) {
                    throw new IllegalArgumentException(v + " is not an ordinal of " + type.getSimpleName() + " (0.." + (constants.length - 1) + ")");
                }
                return constants[v];
            };
        }
        Map<String, Object> byName = new HashMap<>();
        for (Object c : constants) {
            byName.put(((Enum<?>) c).name(), c);
        }
        return (rs, i) -> {
            String s = rs.getString(i);
            if (s == null) {
                return null;
            }
            Object v = byName.get(s);
            if (v == null) {
                throw new IllegalArgumentException("'" + s + "' is not a constant of " + type.getSimpleName() + " "
                        + Arrays.toString(constants));
            }
            return v;
        };
    }

    /** A SQL array read by its elements (never its text, whose '{}' is not empty), as a Java array or a list. */
    private static ValueReader arrayReader(Class<?> type) {
        return (rs, i) -> {
            java.sql.Array a = rs.getArray(i);
            if (a == null) {
                return null;
            }
            Object[] elements;
            try {
                elements = (Object[]) a.getArray();
            } finally {
                a.free();
            }
            if (!type.isArray()) {
                return new java.util.ArrayList<>(Arrays.asList(elements));
            }
            Class<?> component = type.getComponentType();
            Object array = java.lang.reflect.Array.newInstance(component, elements.length);
            for (int k = 0; k < elements.length; k++) {
                if (elements[k] == null && component.isPrimitive()) {
                    throw new IllegalArgumentException("element " + (k + 1) + " is NULL, which a " + type.getSimpleName() + " cannot hold");
                }
                java.lang.reflect.Array.set(array, k, elements[k]);
            }
            return array;
        };
    }

    static UUID uuid(Object v) {
        if (v == null || v instanceof UUID) {
            return (UUID) v;
        }
        if (v instanceof byte[]) {
            byte[] b = (byte[]) v;
            if (b.length != 16) {
                throw new IllegalArgumentException(b.length + " bytes are not a UUID (16 bytes)");
            }
            ByteBuffer buf = ByteBuffer.wrap(b);
            return new UUID(buf.getLong(), buf.getLong());
        }
        try {
            return UUID.fromString(v.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + v + "' is not a UUID");
        }
    }
}
