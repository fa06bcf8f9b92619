package io.rowsweep.validation.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rowsweep.validation.ViolationFormat;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the records of a violations file by table and constraint, streaming it. The file is
 * the durable truth, so a resumed run's counts include the records of its earlier part.
 */
final class ViolationCounts {

    private ViolationCounts() {
    }

    /** Counts the records in the first {@code bytes} bytes of the file (whole records: a prefix a run committed). */
    static Map<String, Map<String, Long>> read(Path file, ViolationFormat format, long bytes) throws IOException {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return counts;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(prefix(Files.newInputStream(file), bytes), StandardCharsets.UTF_8))) {
            if (format == ViolationFormat.JSONL) {
                readJsonLines(in, counts);
            } else {
                readCsv(in, counts);
            }
        }
        return counts;
    }

    /**
     * The invalid rows of {@code tables} in the file, each counted once however many records it
     * has: their keys are held in memory while the file is read, so only tables whose rows may
     * have records from several checks are asked for.
     */
    static Map<String, Long> distinctRows(Path file, ViolationFormat format, java.util.Set<String> tables) throws IOException {
        Map<String, java.util.Set<String>> keys = new LinkedHashMap<>();
        tables.forEach(t -> keys.put(t, new java.util.HashSet<>()));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (format == ViolationFormat.JSONL) {
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    com.fasterxml.jackson.databind.JsonNode r = json.readTree(line);
                    java.util.Set<String> set = keys.get(r.path("table").asText());
                    if (set != null) {
                        set.add(r.path("key").toString());
                    }
                }
            } else {
                List<String> record = csvRecord(in); // the header
                while ((record = csvRecord(in)) != null) {
                    java.util.Set<String> set = keys.get(record.get(0));
                    if (set != null) {
                        set.add(record.get(1));
                    }
                }
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        keys.forEach((t, set) -> out.put(t, (long) set.size()));
        return out;
    }

    /** The first {@code bytes} bytes of {@code in}. */
    private static InputStream prefix(InputStream in, long bytes) {
        return new FilterInputStream(in) {
            private long left = bytes;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    /** Adds {@code n} records of {@code table} for {@code constraint} to {@code counts}. */
    static void add(Map<String, Map<String, Long>> counts, String table, String constraint, long n) {
        counts.computeIfAbsent(table, t -> new TreeMap<>()).merge(constraint, n, Long::sum);
    }

    /** Adds every count of {@code more} to {@code counts}. */
    static void addAll(Map<String, Map<String, Long>> counts, Map<String, Map<String, Long>> more) {
        more.forEach((table, byConstraint) -> byConstraint.forEach((constraint, n) -> add(counts, table, constraint, n)));
    }

    private static void readJsonLines(Reader in, Map<String, Map<String, Long>> counts) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(in)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String table = null;
                String constraint = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.getCurrentName();
                    p.nextToken();
                    if ("table".equals(field)) {
                        table = p.getText();
                    } else if ("constraint".equals(field)) {
                        constraint = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                add(counts, table, constraint, 1);
            }
        }
    }

    private static void readCsv(BufferedReader in, Map<String, Map<String, Long>> counts) throws IOException {
        boolean header = true;
        List<String> record;
        while ((record = csvRecord(in)) != null) {
            if (header) {
                header = false;
                continue;
            }
            add(counts, record.get(0), record.get(4), 1);
        }
    }

    /** One RFC 4180 record, or null at the end. */
    static List<String> csvRecord(BufferedReader in) throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        in.reset();
                    }
                } else if (c < 0) {
                    throw new IOException("unterminated quoted CSV field");
                } else {
                    field.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c < 0) {
                fields.add(field.toString());
                return fields;
            } else if (c != '\r') {
                field.append((char) c);
            }
            c = in.read();
        }
    }
}
