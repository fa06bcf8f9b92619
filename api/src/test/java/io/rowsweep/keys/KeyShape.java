package io.rowsweep.keys;

import java.util.List;

/**
 * One key shape of the key-type contract suite: a table keyed by {@code columns}, filled by
 * {@code rows} (a SELECT of the key columns' values, in column order).
 *
 * @param name    the table is {@code kt_<name>}
 * @param columns the key columns
 * @param key     the constraint naming the key, e.g. {@code PRIMARY KEY (a, b)}; or null when {@code setUp} makes a unique index
 * @param rows    a SELECT of the key values
 * @param setUp   statements run before the table is created (types, collations, extensions); {@code %t} is the table name
 * @param after   statements run after it is created (a unique index, partitions); {@code %t} is the table name
 * @param suffix  added after the table's column list (e.g. {@code PARTITION BY RANGE (at)}), or empty
 */
record KeyShape(String name, List<KeyColumn> columns, String key, String rows, List<String> setUp, List<String> after, String suffix) {

    /**
     * A key column.
     *
     * @param type   its SQL type as written in CREATE TABLE
     * @param lookup the placeholder that finds the column's value from its text in the violations file, e.g. {@code CAST(? AS inet)}
     */
    record KeyColumn(String name, String type, String lookup) {
    }

    String table() {
        return "kt_" + name;
    }

    static KeyColumn column(String name, String type, String lookup) {
        return new KeyColumn(name, type, lookup);
    }

    /** A shape keyed by its columns' primary key. */
    static KeyShape of(String name, String rows, KeyColumn... columns) {
        List<KeyColumn> cols = List.of(columns);
        String key = "PRIMARY KEY (" + String.join(", ", cols.stream().map(KeyColumn::name).toList()) + ")";
        return new KeyShape(name, cols, key, rows, List.of(), List.of(), "");
    }

    KeyShape before(String... statements) {
        return new KeyShape(name, columns, key, rows, List.of(statements), after, suffix);
    }

    /** The key is a unique index that {@code statements} make, instead of a primary key. */
    KeyShape keyedBy(String... statements) {
        return new KeyShape(name, columns, null, rows, setUp, List.of(statements), suffix);
    }

    KeyShape partitioned(String suffix, String... partitions) {
        return new KeyShape(name, columns, key, rows, setUp, List.of(partitions), suffix);
    }
}
