package io.rowsweep.validation.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.state.ProblemGroup;
import io.rowsweep.validation.ViolationFormat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one chunk's violation records to a {@link Spool}, in the output format, or (format null)
 * as records for the {@link ViolationTable}. The key of a row is read from the result set (its
 * first columns) only when the row has a violation.
 */
final class ViolationWriter {

    static final int VALUE_LIMIT = 200;
    static final String CSV_HEADER = "table,key,column,property,constraint,message,value\n";
    /** Records are separated by newlines alone: no space before each record after the first (Jackson's default root separator). */
    static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final String table;
    private final Key key;
    private final List<String> keyNames;
    /** Where the row's key text is in the result set. */
    private final int[] keyIndexes;
    private final ViolationFormat format;
    private final Spool spool = new Spool();
    private final JsonGenerator json;
    private final DataOutputStream records;
    private ResultSet row;
    private boolean rowInvalid;
    private long invalidRows;
    private long violations;
    private String keyJson;
    /** The chunk's violations by column and constraint, with a few examples: recorded with its checkpoint for consoles. */
    private final Map<List<String>, Group> groups = new LinkedHashMap<>();

    /**
     * @param key        the table's key, whose columns name a row
     * @param keyIndexes where the key's exact text is in each row's result set ({@link Key#textIndexes})
     * @param format     the file format; null writes records for {@link ViolationTable#insert}
     */
    ViolationWriter(String table, Key key, int[] keyIndexes, ViolationFormat format) {
        this.table = table;
        this.key = key;
        this.keyNames = key.names();
        this.keyIndexes = keyIndexes.clone();
        this.format = format;
        this.records = format == null ? new DataOutputStream(spool) : null;
        try {
            this.json = format == ViolationFormat.JSONL ? JSON.createGenerator(spool, JsonEncoding.UTF8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (json != null) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        }
    }

    /** The next row: the result set, positioned on it, which holds the key's text where the writer was told. */
    void row(ResultSet rs) {
        row = rs;
        rowInvalid = false;
        keyJson = null;
    }

    /**
     * Records a violation of the current row.
     *
     * @param column   the column, or null (class-level constraint, whole-row error)
     * @param property the entity property path, or null (rules mode)
     * @param value    the invalid value (written truncated), or null
     */
    void add(String column, String property, String constraint, String message, Object value) throws SQLException, IOException {
        if (!rowInvalid) {
            rowInvalid = true;
            invalidRows++;
        }
        violations++;
        spool.counted(table, constraint);
        group(column == null ? property : column, constraint, message, value);
        if (json != null) {
            json.writeStartObject();
            json.writeStringField("table", table);
            json.writeFieldName("key");
            writeKey(json);
            json.writeStringField("column", column);
            json.writeStringField("property", property);
            json.writeStringField("constraint", constraint);
            json.writeStringField("message", message);
            json.writeFieldName("value");
            writeValue(json, value);
            json.writeEndObject();
            json.writeRaw('\n');
        } else if (records != null) {
            String[] fields = {table, keyJson(), column, property, constraint, message, valueJson(value),
                    value == null ? null : String.valueOf(render(value))};
            for (String f : fields) {
                writeField(f);
            }
        } else {
            StringBuilder b = new StringBuilder(128);
            csv(b, table).append(',');
            csv(b, keyJson()).append(',');
            csv(b, column).append(',');
            csv(b, property).append(',');
            csv(b, constraint).append(',');
            csv(b, message).append(',');
            csv(b, value == null ? null : String.valueOf(render(value))).append('\n');
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            spool.write(bytes, 0, bytes.length);
        }
    }

    /**
     * Counts the violation in its group; the first {@link ChunkOutcome#MAX_SAMPLES} of a group
     * keep their row. Past {@link ChunkOutcome#MAX_GROUPS} groups, the rest count in the last one.
     */
    private void group(String column, String constraint, String message, Object value) throws IOException, SQLException {
        List<String> id = Arrays.asList(column, constraint);
        Group g = groups.get(id);
        if (g == null) {
            if (groups.size() < ChunkOutcome.MAX_GROUPS - 1) {
                g = new Group(column, constraint);
                groups.put(id, g);
            } else {
                g = groups.computeIfAbsent(OTHER, k -> new Group(null, "(other constraints)"));
            }
        }
        g.count++;
        if (g.samples.size() < ChunkOutcome.MAX_SAMPLES) {
            g.samples.add(new ProblemGroup.Sample(keyJson(), value == null ? null : String.valueOf(render(value)), message));
        }
    }

    private static final List<String> OTHER = Arrays.asList(null, null);

    /** The chunk's violations by column and constraint (for {@link ChunkOutcome#problemGroups}). */
    List<ProblemGroup> problemGroups() {
        List<ProblemGroup> out = new ArrayList<>(groups.size());
        groups.values().forEach(g -> out.add(new ProblemGroup(table, g.column, g.constraint, g.count, g.samples)));
        return out;
    }

    private static final class Group {
        final String column;
        final String constraint;
        long count;
        final List<ProblemGroup.Sample> samples = new ArrayList<>(ChunkOutcome.MAX_SAMPLES);

        Group(String column, String constraint) {
            this.column = column;
            this.constraint = constraint;
        }
    }

    /** The current row's key as a JSON object, as the JSON Lines format writes it. */
    private String keyJson() throws IOException, SQLException {
        if (keyJson == null) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                writeKey(g);
            }
            keyJson = w.toString();
        }
        return keyJson;
    }

    private static String valueJson(Object value) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            writeValue(g, value);
        }
        return w.toString();
    }

    /** A record field: its UTF-8 length (-1 for null), then its bytes. */
    private void writeField(String field) throws IOException {
        if (field == null) {
            records.writeInt(-1);
            return;
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        records.writeInt(bytes.length);
        records.write(bytes);
    }

    /** Reads back the records {@link #writeField} wrote: eight fields per violation. */
    static String readField(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    long invalidRows() {
        return invalidRows;
    }

    long violations() {
        return violations;
    }

    /** Ends the chunk: the spool holds every record, ready to publish. */
    Spool finish() throws IOException {
        if (json != null) {
            json.flush();
        }
        if (records != null) {
            records.flush();
        }
        return spool;
    }

    void discard() {
        spool.delete();
    }

    /** The row's key, each column as its type shows it (numbers, ISO-8601 timestamps with offsets, the database's text), never truncated. */
    private void writeKey(JsonGenerator g) throws IOException, SQLException {
        Object[] shown = key.display(Key.read(row, keyIndexes));
        g.writeStartObject();
        for (int i = 0; i < keyNames.size(); i++) {
            g.writeFieldName(keyNames.get(i));
            Object v = shown[i];
            if (v instanceof BigDecimal) {
                g.writeNumber((BigDecimal) v);
            } else if (v instanceof Boolean) {
                g.writeBoolean((Boolean) v);
            } else if (v == null) {
                g.writeNull();
            } else {
                g.writeString(v.toString());
            }
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        Object r = render(v);
        if (r == null) {
            g.writeNull();
        } else if (r instanceof Boolean) {
            g.writeBoolean((Boolean) r);
        } else if (r instanceof Integer || r instanceof Long || r instanceof Short || r instanceof Byte) {
            g.writeNumber(((Number) r).longValue());
        } else if (r instanceof BigDecimal) {
            g.writeNumber((BigDecimal) r);
        } else if (r instanceof BigInteger) {
            g.writeNumber((BigInteger) r);
        } else if (r instanceof Double || r instanceof Float) {
            double d = ((Number) r).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(String.valueOf(d));
            }
        } else {
            g.writeString(r.toString());
        }
    }

    /** Numbers and booleans as they are; anything else as text, at most {@link #VALUE_LIMIT} characters. */
    static Object render(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        String s = v instanceof byte[] ? Base64.getEncoder().encodeToString((byte[]) v)
                : v instanceof Enum<?> ? ((Enum<?>) v).name() : v.toString();
        return s.length() <= VALUE_LIMIT ? s : s.substring(0, VALUE_LIMIT) + "…";
    }

    static StringBuilder csv(StringBuilder b, String field) {
        if (field == null) {
            return b;
        }
        boolean quote = false;
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return b.append(field);
        }
        b.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            b.append(c);
        }
        return b.append('"');
    }
}
