package io.rowsweep.update.internal;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.Key;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL an update runs, built from strings only (no database), so it is unit-tested by string
 * equality. Identifiers are quoted by the dialect; {@code set} and {@code where} are the user's
 * trusted SQL, inserted as given.
 */
public final class UpdateSql {

    private final Dialect dialect;
    private final String table;
    private final Key key;

    /** @param key the table's key: its columns, and the placeholders that bind their text back to their types */
    public UpdateSql(Dialect dialect, String namespace, String tableName, Key key) {
        this.dialect = dialect;
        this.table = dialect.qualify(namespace, tableName);
        this.key = key;
    }

    /** The qualified, quoted table. */
    public String table() {
        return table;
    }

    /** SQL mode, one chunk: {@code UPDATE t SET <set> WHERE (<where>) AND <range>}. */
    public String update(String set, String where, String range) {
        return "UPDATE " + table + " SET " + set + " WHERE " + filtered(where, range);
    }

    /** The rows of a chunk's range: {@code SELECT count(*) FROM t WHERE <range>}. */
    public String countRange(String range) {
        return "SELECT count(*) FROM " + table + " WHERE " + range;
    }

    /**
     * A dry run's chunk: the rows of the range and how many of them {@code where} matches, in one
     * scan. Without {@code where} every row matches.
     */
    public String countMatches(String where, String range) {
        String matched = where == null ? "count(*)" : "COALESCE(SUM(CASE WHEN (" + where + ") THEN 1 ELSE 0 END), 0)";
        return "SELECT count(*), " + matched + " FROM " + table + " WHERE " + range;
    }

    /** Checks {@code where} against the table without reading a row. */
    public String checkWhere(String where) {
        return "SELECT count(*) FROM " + table + " WHERE (" + where + ") AND 1=0";
    }

    /** Checks {@code set} against the table without changing a row (run it in a transaction that is rolled back). */
    public String checkSet(String set) {
        return "UPDATE " + table + " SET " + set + " WHERE 1=0";
    }

    /** Java mode: {@code UPDATE t SET "a" = ?, "b" = ? WHERE "id" = CAST(? AS bigint)}, one row by its key's text. */
    public String updateByKey(List<String> columns) {
        return "UPDATE " + table + " SET " + columns.stream().map(c -> dialect.quote(c) + " = ?").collect(Collectors.joining(", "))
                + " WHERE " + byKey();
    }

    /** Java mode: {@code DELETE FROM t WHERE "id" = ?}. */
    public String deleteByKey() {
        return "DELETE FROM " + table + " WHERE " + byKey();
    }

    private String byKey() {
        return key.equalsBound();
    }

    private static String filtered(String where, String range) {
        return where == null ? range : "(" + where + ") AND " + range;
    }
}
