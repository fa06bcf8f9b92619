package io.rowsweep.core.internal.schema;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.spi.ColumnType;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.KeyType;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.spi.schema.KeyKind;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Looks a table up in the database's catalog (JDBC metadata, so it works the same on every
 * engine) and finds the key to split it by: the primary key, else the narrowest unique index on
 * NOT NULL columns, else the dialect's row locator; else it is an error naming the table.
 */
public final class TableResolver {

    private static final String[] TABLE_TYPES = {"TABLE", "BASE TABLE", "PARTITIONED TABLE"};
    private static final String[] VIEW_TYPES = {"VIEW", "MATERIALIZED VIEW", "SYSTEM VIEW"};

    private final Connection connection;
    private final Dialect dialect;
    private final DatabaseMetaData metaData;
    /** A namespace's tables, listed once per resolver (catalog queries are slow on some drivers). */
    private final Map<String, List<String>> tablesByNamespace = new java.util.HashMap<>();
    /** Whether a table without statistics is counted; a job only queued (not run) must not scan the table. */
    private final boolean countWithoutStatistics;

    public TableResolver(Connection connection, Dialect dialect) throws SQLException {
        this(connection, dialect, true);
    }

    /**
     * @param countWithoutStatistics whether a table whose statistics are missing or small is counted
     *                               ({@code count(*)}) for its row estimate; without, its estimate is 0 (unknown)
     */
    public TableResolver(Connection connection, Dialect dialect, boolean countWithoutStatistics) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.metaData = connection.getMetaData();
        this.countWithoutStatistics = countWithoutStatistics;
    }

    /** Resolves {@code text} ({@code table} or {@code schema.table}). */
    public Table resolve(String text) throws SQLException {
        TableRef ref;
        try {
            ref = TableRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw RowSweepException.usage("Table name '" + text + "' is invalid: " + e.getMessage());
        }
        String namespace = ref.namespace() != null ? resolveNamespace(ref.namespace()) : dialect.currentNamespace(connection);
        if (namespace == null) {
            throw RowSweepException.configuration("No schema to look for table '" + text + "' in: the connection has no current"
                    + " schema or database. Qualify the table (schema.table) or put a database in the JDBC URL.");
        }
        List<String> names = tableNames(namespace);
        String name = match(ref.name(), names);
        if (name == null) {
            String view = match(ref.name(), names(namespace, VIEW_TYPES));
            if (view != null) {
                throw RowSweepException.configuration("'" + text + "' is a view in " + namespaceWord() + " '" + namespace + "', not a"
                        + " table: rowsweep splits a table into ranges of its key, which a view does not have. Name the table behind"
                        + " the view instead.");
            }
            throw RowSweepException.configuration("Table '" + text + "' does not exist in " + namespaceWord() + " '" + namespace + "'"
                    + suggestion(ref.name(), names) + ". Check the name, or qualify it (schema.table).");
        }
        List<Column> columns = columns(namespace, name);
        Key key = findKey(text, namespace, name, columns);
        Table table = new Table(text, namespace, name, columns, key, estimateRows(namespace, name));
        KeyProbe.check(connection, dialect, table);
        return table;
    }

    private String namespaceWord() {
        return dialect.metadataCatalog("x") != null ? "database" : "schema";
    }

    /**
     * The schema (MySQL/MariaDB: database) {@code requested} names, spelt as the database spells
     * it; a configuration error naming {@code setting} when there is none.
     */
    public String existingNamespace(String requested, String setting) throws SQLException {
        try {
            return resolveNamespace(requested);
        } catch (RowSweepException e) {
            throw RowSweepException.configuration(setting + ": " + e.getMessage() + " Create it first, or leave " + setting
                    + " out to use the connection's own.");
        }
    }

    private String resolveNamespace(String requested) throws SQLException {
        List<String> all = new ArrayList<>();
        boolean catalogs = dialect.metadataCatalog("x") != null;
        try (ResultSet rs = catalogs ? metaData.getCatalogs() : metaData.getSchemas()) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        String found = match(requested, all);
        if (found == null) {
            throw RowSweepException.configuration("The " + namespaceWord() + " '" + requested + "' does not exist"
                    + suggestion(requested, all) + ".");
        }
        return found;
    }

    private List<String> tableNames(String namespace) throws SQLException {
        List<String> cached = tablesByNamespace.get(namespace);
        if (cached != null) {
            return cached;
        }
        List<String> names = names(namespace, TABLE_TYPES);
        tablesByNamespace.put(namespace, names);
        return names;
    }

    private List<String> names(String namespace, String[] types) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = metaData.getTables(dialect.metadataCatalog(namespace), escape(dialect.metadataSchema(namespace)), "%", types)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private List<Column> columns(String namespace, String table) throws SQLException {
        Map<String, ColumnType> declared = dialect.columnTypes(connection, namespace, table);
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = metaData.getColumns(dialect.metadataCatalog(namespace), escape(dialect.metadataSchema(namespace)),
                escape(table), "%")) {
            while (rs.next()) {
                if (!table.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String name = rs.getString("COLUMN_NAME");
                String typeName = rs.getString("TYPE_NAME");
                ColumnType type = declared.getOrDefault(name, new ColumnType(typeName, typeName.toLowerCase(Locale.ROOT)));
                columns.add(new Column(name, rs.getInt("DATA_TYPE"), typeName, rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rs.getInt("COLUMN_SIZE"), type));
            }
        }
        return columns;
    }

    private Key findKey(String label, String namespace, String table, List<Column> columns) throws SQLException {
        Map<String, Column> byName = columns.stream().collect(Collectors.toMap(Column::name, c -> c, (a, b) -> a, LinkedHashMap::new));
        List<String> pk = dialect.primaryKey(connection, namespace, table);
        if (pk == null) {
            TreeMap<Integer, String> bySequence = new TreeMap<>();
            try (ResultSet rs = metaData.getPrimaryKeys(dialect.metadataCatalog(namespace), dialect.metadataSchema(namespace), table)) {
                while (rs.next()) {
                    if (table.equals(rs.getString("TABLE_NAME"))) {
                        bySequence.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    }
                }
            }
            pk = new ArrayList<>(bySequence.values());
        }
        if (!pk.isEmpty()) {
            return keyOf(label, KeyKind.PRIMARY_KEY, pk, byName, null);
        }
        Map<String, TreeMap<Integer, String>> indexes = new TreeMap<>();
        try (ResultSet rs = metaData.getIndexInfo(dialect.metadataCatalog(namespace), dialect.metadataSchema(namespace), table, true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic || rs.getBoolean("NON_UNIQUE")) {
                    continue;
                }
                if (column == null || !byName.containsKey(column) || hasFilter(rs)) {
                    indexes.put(index, null); // expression or partial index: cannot order every row by it
                    continue;
                }
                indexes.computeIfAbsent(index, k -> new TreeMap<>());
                if (indexes.get(index) != null) {
                    indexes.get(index).put((int) rs.getShort("ORDINAL_POSITION"), column);
                }
            }
        }
        List<Map.Entry<String, TreeMap<Integer, String>>> usable = indexes.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .filter(e -> e.getValue().values().stream().noneMatch(c -> byName.get(c).nullable()))
                .sorted(Comparator.comparingInt((Map.Entry<String, TreeMap<Integer, String>> e) -> e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .collect(Collectors.toList());
        if (!usable.isEmpty()) {
            Map.Entry<String, TreeMap<Integer, String>> best = usable.get(0);
            return keyOf(label, KeyKind.UNIQUE_INDEX, new ArrayList<>(best.getValue().values()), byName, best.getKey());
        }
        Dialect.RowLocator locator = dialect.rowLocator();
        if (locator != null) {
            Column column = new Column(locator.column(), Types.OTHER, "tid", false, 0);
            return new Key(KeyKind.ROW_LOCATOR, List.of(column), List.of(locator.column()),
                    List.of(KeyType.of("tid", null, locator.placeholder())), null);
        }
        throw RowSweepException.configuration("Table '" + label + "' has no primary key and no unique index on NOT NULL columns,"
                + " so it cannot be split into key ranges. Add a primary key, or a unique index on NOT NULL columns.");
    }

    private static boolean hasFilter(ResultSet rs) throws SQLException {
        try {
            String filter = rs.getString("FILTER_CONDITION");
            return filter != null && !filter.isBlank();
        } catch (SQLException e) {
            return false; // driver without the column
        }
    }

    private Key keyOf(String label, KeyKind kind, List<String> names, Map<String, Column> byName, String index) {
        try {
            return key(dialect, kind, names.stream().map(byName::get).collect(Collectors.toList()), index);
        } catch (RowSweepException e) {
            throw new RowSweepException(e.code(), "Table '" + label + "': " + e.getMessage());
        }
    }

    /**
     * A key on {@code columns}, each with the dialect's {@link KeyType}.
     *
     * @throws RowSweepException (configuration) when a column's type cannot be a key
     */
    public static Key key(Dialect dialect, KeyKind kind, List<Column> columns, String index) {
        List<String> expressions = columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.toList());
        List<KeyType> types = columns.stream()
                .map(c -> dialect.keyType(c.name(), c.jdbcType(), c.type()))
                .collect(Collectors.toList());
        return new Key(kind, columns, expressions, types, index);
    }

    private long estimateRows(String namespace, String table) throws SQLException {
        OptionalLong estimate = dialect.estimateRows(connection, namespace, table);
        // Statistics of small or freshly loaded tables are often missing or zero; counting those is cheap.
        if (estimate.isPresent() && (estimate.getAsLong() >= 10_000 || !countWithoutStatistics)) {
            return estimate.getAsLong();
        }
        if (!countWithoutStatistics) {
            return 0;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + dialect.qualify(namespace, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String escape(String pattern) throws SQLException {
        if (pattern == null) {
            return null;
        }
        String esc = metaData.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return pattern;
        }
        return pattern.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }

    /** Exact match, else the only case-insensitive match, else null. */
    static String match(String wanted, List<String> names) {
        if (names.contains(wanted)) {
            return wanted;
        }
        List<String> folded = names.stream().filter(n -> n.equalsIgnoreCase(wanted)).collect(Collectors.toList());
        return folded.size() == 1 ? folded.get(0) : null;
    }

    /** " (did you mean 'posts'?)" for the closest names by edit distance, or nothing; also used for other names (settings). */
    public static String suggestion(String wanted, List<String> names) {
        String w = wanted.toLowerCase(Locale.ROOT);
        List<String> close = names.stream()
                .filter(n -> distance(w, n.toLowerCase(Locale.ROOT)) <= Math.max(2, w.length() / 3))
                .sorted(Comparator.comparingInt(n -> distance(w, n.toLowerCase(Locale.ROOT))))
                .limit(3)
                .collect(Collectors.toList());
        if (close.isEmpty()) {
            return "";
        }
        return " (did you mean " + close.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or ")) + "?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
