package io.rowsweep.update.internal;

import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What Java mode needs to know about one table, worked out once in preparation and shared by the
 * workers: the columns in result set order (key first), how to select and write them.
 *
 * @param columns       every column: the key columns, then the rest in table order
 * @param selectColumns the non-key columns, quoted, as {@code forEachRow} wants them after the key
 * @param where         the optional filter (trusted SQL), or null
 * @param fixName       how messages name the fix (its class)
 * @param classLoader   the fix's class loader, the context class loader while it runs
 */
record FixTarget(Table table, List<Column> columns, List<String> selectColumns, UpdateSql sql, String where, boolean dryRun,
                 int sampleSize, String fixName, ClassLoader classLoader) {

    static FixTarget of(Table table, UpdateSql sql, Function<String, String> quote, String where,
                        boolean dryRun, int sampleSize, String fixName, ClassLoader classLoader) {
        List<Column> ordered = new ArrayList<>(table.key().columns());
        List<String> select = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!table.key().names().contains(c.name())) {
                ordered.add(c);
                select.add(quote.apply(c.name()));
            }
        }
        return new FixTarget(table, List.copyOf(ordered), List.copyOf(select), sql, where, dryRun, sampleSize, fixName, classLoader);
    }

    List<String> columnNames() {
        return columns.stream().map(Column::name).collect(Collectors.toUnmodifiableList());
    }

    int[] jdbcTypes() {
        return columns.stream().mapToInt(Column::jdbcType).toArray();
    }
}
