package io.rowsweep.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Lines violations file for assertions. */
final class Violations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Violations() {
    }

    static List<JsonNode> read(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code id|column|constraint} of each record whose key is a single {@code id}; column names in lower case (H2 folds to upper). */
    static List<String> idColumnConstraint(List<JsonNode> records) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : records) {
            String column = text(r, "column");
            out.add(key(r, "id").asLong() + "|" + (column == null ? null : column.toLowerCase(java.util.Locale.ROOT)) + "|"
                    + text(r, "constraint"));
        }
        return out;
    }

    /** A key column's value, whatever case the database gave the column's name. */
    static JsonNode key(JsonNode r, String column) {
        for (var it = r.get("key").fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no key column " + column + " in " + r);
    }

    /** {@code text} parsed and written again as JSON, to compare with a record's field. */
    static String json(String text) {
        try {
            return JSON.readTree(text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(JsonNode r, String field) {
        JsonNode n = r.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
