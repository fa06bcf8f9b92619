package io.rowsweep.core.internal.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * Writes key tuples to text for the job state tables and reads them back as the same Java types,
 * so a resumed run binds exactly the boundary values the first run found. Each component is
 * tagged with its type: {@code [["l",42],["s","abc"]]}.
 */
public final class KeyCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyCodec() {
    }

    /** The JSON text of a key, or null for a null key (an open range end). */
    public static String encode(Object[] key) {
        if (key == null) {
            return null;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object value : key) {
            ArrayNode pair = array.addArray();
            encodeValue(pair, normalize(value));
        }
        return array.toString();
    }

    public static Object[] decode(String text) {
        if (text == null) {
            return null;
        }
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt key in job state: " + text, e);
        }
        Object[] key = new Object[array.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = decodeValue(array.get(i));
        }
        return key;
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

    private static void encodeValue(ArrayNode pair, Object v) {
        if (v == null) {
            pair.add("null");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            pair.add("i").add(((Number) v).intValue());
        } else if (v instanceof Long) {
            pair.add("l").add((Long) v);
        } else if (v instanceof BigInteger) {
            pair.add("bi").add(v.toString());
        } else if (v instanceof BigDecimal) {
            pair.add("dec").add(((BigDecimal) v).toPlainString());
        } else if (v instanceof Double || v instanceof Float) {
            pair.add("f").add(((Number) v).doubleValue());
        } else if (v instanceof String) {
            pair.add("s").add((String) v);
        } else if (v instanceof UUID) {
            pair.add("uuid").add(v.toString());
        } else if (v instanceof byte[]) {
            pair.add("bytes").add(Base64.getEncoder().encodeToString((byte[]) v));
        } else if (v instanceof Boolean) {
            pair.add("bool").add((Boolean) v);
        } else if (v instanceof LocalDate) {
            pair.add("date").add(v.toString());
        } else if (v instanceof LocalDateTime) {
            pair.add("ts").add(v.toString());
        } else if (v instanceof LocalTime) {
            pair.add("time").add(v.toString());
        } else if (v instanceof OffsetDateTime) {
            pair.add("tstz").add(v.toString());
        } else if (v instanceof Instant) {
            pair.add("instant").add(v.toString());
        } else {
            // Driver objects (e.g. PGobject for tid or citext) round-trip through their text form.
            pair.add("text").add(v.toString());
        }
    }

    private static Object decodeValue(JsonNode pair) {
        String tag = pair.get(0).asText();
        JsonNode v = pair.get(1);
        switch (tag) {
            case "null":
                return null;
            case "i":
                return v.intValue();
            case "l":
                return v.longValue();
            case "bi":
                return new BigInteger(v.asText());
            case "dec":
                return new BigDecimal(v.asText());
            case "f":
                return v.doubleValue();
            case "s":
            case "text":
                return v.asText();
            case "uuid":
                return UUID.fromString(v.asText());
            case "bytes":
                return Base64.getDecoder().decode(v.asText());
            case "bool":
                return v.booleanValue();
            case "date":
                return LocalDate.parse(v.asText());
            case "ts":
                return LocalDateTime.parse(v.asText());
            case "time":
                return LocalTime.parse(v.asText());
            case "tstz":
                return OffsetDateTime.parse(v.asText());
            case "instant":
                return Instant.parse(v.asText());
            default:
                throw new IllegalStateException("unknown key type tag '" + tag + "' in job state");
        }
    }
}
