package io.rowsweep.core.internal.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Writes key tuples to text for the job state tables and reads them back as the same Java types,
 * so a resumed run binds exactly the boundary values the first run found. Each component is
 * tagged with its type: {@code [["l",42],["s","abc"]]}.
 */
public final class KeyCodec {

    /** jackson-core only: a run need not start Jackson's object mapper for its keys. */
    private static final JsonFactory JSON = new JsonFactory();

    private KeyCodec() {
    }

    /** The JSON text of a key, or null for a null key (an open range end). */
    public static String encode(Object[] key) {
        if (key == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Object value : key) {
                g.writeStartArray();
                encodeValue(g, normalize(value));
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Object[] decode(String text) {
        if (text == null) {
            return null;
        }
        List<Object> key = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw corrupt(text, null);
            }
            while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw corrupt(text, null);
                }
                String tag = p.getText();
                if (p.nextToken() == JsonToken.END_ARRAY && tag.equals("null")) {
                    key.add(null); // a NULL component has no value
                    continue;
                }
                key.add(decodeValue(tag, p));
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw corrupt(text, null);
                }
            }
            if (t != JsonToken.END_ARRAY) {
                throw corrupt(text, null);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(text, e);
        }
        return key.toArray();
    }

    private static IllegalStateException corrupt(String text, Exception cause) {
        return new IllegalStateException("corrupt key in job state: " + text, cause);
    }

    /** Turns driver-specific JDBC values into the java.time / standard types keys are compared and bound as. */
    public static Object normalize(Object value) {
        if (value instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) value).toLocalDateTime();
        }
        if (value instanceof java.sql.Date) {
            return ((java.sql.Date) value).toLocalDate();
        }
        if (value instanceof java.sql.Time) {
            return ((java.sql.Time) value).toLocalTime();
        }
        return value;
    }

    private static void encodeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeString("null");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeString("i");
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long) {
            g.writeString("l");
            g.writeNumber((Long) v);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeString("f");
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Boolean) {
            g.writeString("bool");
            g.writeBoolean((Boolean) v);
        } else {
            g.writeString(tagOf(v));
            g.writeString(textOf(v));
        }
    }

    /** The tag of a value written as text. */
    private static String tagOf(Object v) {
        if (v instanceof BigInteger) {
            return "bi";
        } else if (v instanceof BigDecimal) {
            return "dec";
        } else if (v instanceof String) {
            return "s";
        } else if (v instanceof UUID) {
            return "uuid";
        } else if (v instanceof byte[]) {
            return "bytes";
        } else if (v instanceof LocalDate) {
            return "date";
        } else if (v instanceof LocalDateTime) {
            return "ts";
        } else if (v instanceof LocalTime) {
            return "time";
        } else if (v instanceof OffsetDateTime) {
            return "tstz";
        } else if (v instanceof Instant) {
            return "instant";
        }
        // Driver objects (e.g. PGobject for tid or citext) round-trip through their text form.
        return "text";
    }

    private static String textOf(Object v) {
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) v);
        }
        return v.toString();
    }

    /** The value of a pair, the parser on the value's token. */
    private static Object decodeValue(String tag, JsonParser p) throws IOException {
        switch (tag) {
            case "i":
                return p.getIntValue();
            case "l":
                return p.getLongValue();
            case "f":
                return p.getDoubleValue();
            case "bool":
                return p.getBooleanValue();
            default:
                break;
        }
        String text = p.getText();
        switch (tag) {
            case "bi":
                return new BigInteger(text);
            case "dec":
                return new BigDecimal(text);
            case "s":
            case "text":
                return text;
            case "uuid":
                return UUID.fromString(text);
            case "bytes":
                return Base64.getDecoder().decode(text);
            case "date":
                return LocalDate.parse(text);
            case "ts":
                return LocalDateTime.parse(text);
            case "time":
                return LocalTime.parse(text);
            case "tstz":
                return OffsetDateTime.parse(text);
            case "instant":
                return Instant.parse(text);
            default:
                throw new IllegalStateException("unknown key type tag '" + tag + "' in job state");
        }
    }
}
