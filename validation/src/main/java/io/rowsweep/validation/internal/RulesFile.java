package io.rowsweep.validation.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rowsweep.core.RowSweepException;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rules file, read and checked: everything that can be wrong without looking at the database
 * (syntax, unknown keys, constraint names, attribute names and types) is a configuration error
 * naming the file, the table, the column and the fix.
 *
 * <pre>
 * tables:
 *   posts:
 *     columns:
 *       title: [NotBlank, {Size: {max: 255}}]
 *       author_id: [NotNull, {References: authors.id}]
 *     unique: [[slug]]
 * </pre>
 */
public final class RulesFile {

    static final String REFERENCES = "References";
    static final Map<String, Class<? extends Annotation>> CONSTRAINTS = constraints(NotNull.class, NotBlank.class, NotEmpty.class,
            Size.class, Min.class, Max.class, DecimalMin.class, DecimalMax.class, Digits.class, Pattern.class, Email.class, Past.class,
            PastOrPresent.class, Future.class, FutureOrPresent.class, Positive.class, PositiveOrZero.class, Negative.class,
            NegativeOrZero.class, AssertTrue.class, AssertFalse.class);
    private static final Set<String> NOT_ATTRIBUTES = Set.of("groups", "payload");

    private final Path path;
    private final List<TableRules> tables;
    private final JsonNode tree;

    private RulesFile(Path path, List<TableRules> tables, JsonNode tree) {
        this.path = path;
        this.tables = List.copyOf(tables);
        this.tree = tree;
    }

    @SafeVarargs
    private static Map<String, Class<? extends Annotation>> constraints(Class<? extends Annotation>... types) {
        Map<String, Class<? extends Annotation>> m = new LinkedHashMap<>();
        for (Class<? extends Annotation> t : types) {
            m.put(t.getSimpleName(), t);
        }
        return m;
    }

    public Path path() {
        return path;
    }

    public List<TableRules> tables() {
        return tables;
    }

    /** The rules as canonical JSON, part of the job's spec. */
    String canonical() {
        return tree.toString();
    }

    public static RulesFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw RowSweepException.configuration("Rules file " + path + " does not exist. Check the path given to --rules.");
        } catch (IOException e) {
            throw RowSweepException.configuration("Rules file " + path + " cannot be read: " + e + ".");
        }
        return parse(path, text);
    }

    static RulesFile parse(Path path, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw RowSweepException.configuration("Rules file " + path + " is not valid YAML" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + problem(e.getOriginalMessage())
                    + ". Fix the syntax; see the example in the documentation of --rules.");
        }
        return new Parser(path).file(root);
    }

    /**
     * The YAML parser's message on one line: its unindented lines ("while parsing a flow sequence",
     * "expected ',' or ']'"); the indented ones quote the file and point at the place, which the
     * error message gives as line and column instead.
     */
    static String problem(String parserMessage) {
        String joined = parserMessage.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::trim).collect(Collectors.joining(": "));
        return joined.isEmpty() ? parserMessage.replaceAll("\\s+", " ").trim() : joined;
    }

    /** Walks the tree; every error names the file and where in it. */
    private static final class Parser {
        private final Path path;

        Parser(Path path) {
            this.path = path;
        }

        private RowSweepException error(String where, String message) {
            return RowSweepException.configuration("Rules file " + path + (where == null ? "" : ", " + where) + ": " + message);
        }

        RulesFile file(JsonNode root) {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw error(null, "it is empty. Write 'tables:' with at least one table.");
            }
            if (!root.isObject()) {
                throw error(null, "expected a mapping with the key 'tables'.");
            }
            onlyKeys(root, null, Set.of("tables"));
            JsonNode tables = root.get("tables");
            if (tables == null || !tables.isObject() || tables.isEmpty()) {
                throw error(null, "'tables' must map table names to their rules, e.g. 'tables: {posts: {columns: {title: [NotBlank]}}}'.");
            }
            List<TableRules> out = new ArrayList<>();
            tables.fields().forEachRemaining(e -> out.add(table(e.getKey(), e.getValue())));
            return new RulesFile(path, out, root);
        }

        private void onlyKeys(JsonNode node, String where, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error(where, "unknown key '" + key + "'; expected " + allowed.stream().sorted().map(k -> "'" + k + "'")
                            .collect(Collectors.joining(" or ")) + ".");
                }
            }
        }

        private TableRules table(String table, JsonNode node) {
            String where = "table '" + table + "'";
            if (node == null || !node.isObject()) {
                throw error(where, "expected 'columns:' and/or 'unique:'.");
            }
            onlyKeys(node, where, Set.of("columns", "unique"));
            Map<String, List<ConstraintRule>> columns = new LinkedHashMap<>();
            Map<String, String> references = new LinkedHashMap<>();
            JsonNode cols = node.get("columns");
            if (cols != null) {
                if (!cols.isObject()) {
                    throw error(where, "'columns' must map column names to lists of constraints, e.g. 'title: [NotBlank]'.");
                }
                cols.fields().forEachRemaining(e -> column(table, e.getKey(), e.getValue(), columns, references));
            }
            List<List<String>> unique = new ArrayList<>();
            JsonNode u = node.get("unique");
            if (u != null) {
                if (!u.isArray()) {
                    throw error(where, "'unique' must be a list of column lists, e.g. 'unique: [[slug], [author_id, title]]'.");
                }
                for (JsonNode set : u) {
                    List<String> names = new ArrayList<>();
                    if (set.isTextual()) {
                        names.add(set.asText());
                    } else if (set.isArray() && !set.isEmpty()) {
                        set.forEach(n -> names.add(n.asText()));
                    } else {
                        throw error(where, "each entry of 'unique' must be a column or a list of columns, got " + set + ".");
                    }
                    unique.add(names);
                }
            }
            if (columns.isEmpty() && references.isEmpty() && unique.isEmpty()) {
                throw error(where, "no rules. Give 'columns:' with constraints or 'unique:', or remove the table.");
            }
            return new TableRules(table, columns, references, unique);
        }

        private void column(String table, String column, JsonNode node, Map<String, List<ConstraintRule>> columns,
                            Map<String, String> references) {
            String where = "table '" + table + "', column '" + column + "'";
            List<JsonNode> entries = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(entries::add);
            } else if (node.isTextual() || node.isObject()) {
                entries.add(node);
            } else {
                throw error(where, "expected a list of constraints, e.g. [NotBlank, {Size: {max: 255}}].");
            }
            List<ConstraintRule> rules = new ArrayList<>();
            for (JsonNode entry : entries) {
                String name;
                JsonNode attributes;
                if (entry.isTextual()) {
                    name = entry.asText();
                    attributes = null;
                } else if (entry.isObject() && entry.size() == 1) {
                    Map.Entry<String, JsonNode> only = entry.fields().next();
                    name = only.getKey();
                    attributes = only.getValue();
                } else {
                    throw error(where, "each constraint is a name (NotBlank) or a one-key mapping ({Size: {max: 255}}), got " + entry + ".");
                }
                if (REFERENCES.equals(name)) {
                    references.put(column, reference(where, attributes));
                    continue;
                }
                Class<? extends Annotation> type = CONSTRAINTS.get(name);
                if (type == null) {
                    throw error(where, "unknown constraint '" + name + "'" + suggestion(name) + ". Use one of " + String.join(", ",
                            CONSTRAINTS.keySet()) + ", " + REFERENCES + ".");
                }
                rules.add(new ConstraintRule(type, attributes(where + ", " + name, type, attributes)));
            }
            if (!rules.isEmpty()) {
                columns.put(column, rules);
            }
        }

        private String reference(String where, JsonNode target) {
            String t = target == null || !target.isTextual() ? null : target.asText().trim();
            if (t == null || t.lastIndexOf('.') <= 0 || t.endsWith(".")) {
                throw error(where, "References needs the referenced table and column, e.g. {References: authors.id}.");
            }
            return t;
        }

        private Map<String, Object> attributes(String where, Class<? extends Annotation> type, JsonNode node) {
            Map<String, Method> methods = new LinkedHashMap<>();
            for (Method m : type.getDeclaredMethods()) {
                if (!NOT_ATTRIBUTES.contains(m.getName())) {
                    methods.put(m.getName(), m);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            if (node != null && !node.isNull()) {
                if (node.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        Method m = methods.get(e.getKey());
                        if (m == null) {
                            throw error(where, "unknown attribute '" + e.getKey() + "'. " + type.getSimpleName() + " has "
                                    + String.join(", ", methods.keySet()) + ".");
                        }
                        out.put(m.getName(), value(where + "." + m.getName(), m.getReturnType(), e.getValue()));
                    }
                } else if (node.isValueNode() && (methods.containsKey("value") || type == Pattern.class)) {
                    // Shorthand: {Min: 0}, {Pattern: "^[a-z]+$"}.
                    Method m = methods.get(type == Pattern.class ? "regexp" : "value");
                    out.put(m.getName(), value(where + "." + m.getName(), m.getReturnType(), node));
                } else {
                    throw error(where, "attributes must be a mapping, e.g. {" + type.getSimpleName() + ": {"
                            + String.join(": ..., ", methods.keySet()) + ": ...}}.");
                }
            }
            for (Method m : methods.values()) {
                if (m.getDefaultValue() == null && !out.containsKey(m.getName())) {
                    throw error(where, "attribute '" + m.getName() + "' is required, e.g. {" + type.getSimpleName() + ": {"
                            + m.getName() + ": ...}}.");
                }
            }
            return out;
        }

        private Object value(String where, Class<?> type, JsonNode v) {
            if (type == int.class && v.isIntegralNumber() && v.canConvertToInt()) {
                return v.intValue();
            }
            if (type == long.class && v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            if (type == boolean.class && v.isBoolean()) {
                return v.booleanValue();
            }
            if (type == String.class && v.isValueNode() && !v.isNull()) {
                return v.asText();
            }
            if (type == Pattern.Flag[].class && (v.isArray() || v.isTextual())) {
                List<Pattern.Flag> flags = new ArrayList<>();
                for (JsonNode f : v.isArray() ? v : List.of(v)) {
                    try {
                        flags.add(Pattern.Flag.valueOf(f.asText().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw error(where, "'" + f.asText() + "' is not a flag; use " + List.of(Pattern.Flag.values()) + ".");
                    }
                }
                return flags.toArray(new Pattern.Flag[0]);
            }
            if (type == Pattern.Flag[].class || type == String[].class) {
                throw error(where, "expected a list, got " + v + ".");
            }
            String expected = type == int.class || type == long.class ? "a whole number" : type == boolean.class ? "true or false"
                    : "text";
            throw error(where, "expected " + expected + ", got " + v + ".");
        }

        /** " (did you mean 'NotBlank'?)" for the known name sharing the longest prefix (at least 3 letters), or nothing. */
        private static String suggestion(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            String best = null;
            int bestLength = 2;
            for (String known : CONSTRAINTS.keySet()) {
                String k = known.toLowerCase(Locale.ROOT);
                int common = 0;
                while (common < Math.min(k.length(), lower.length()) && k.charAt(common) == lower.charAt(common)) {
                    common++;
                }
                if (common > bestLength) {
                    best = known;
                    bestLength = common;
                }
            }
            return best == null ? "" : " (did you mean '" + best + "'?)";
        }
    }
}
