package io.rowsweep.validation.internal;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.RangeCondition;
import io.rowsweep.core.spi.job.RowHandler;
import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.jpa.internal.EntityBinder;
import io.rowsweep.jpa.internal.TableMapping;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a chunk of a table together with the tables joined to it by key (a joined hierarchy's
 * subclass tables, secondary tables): the chunk's range selects the table's rows in a derived
 * table, to which each joined table is LEFT JOINed on the key, so a row of a class whose table
 * has no row reads NULLs there, as Hibernate reads it.
 */
final class JoinedRows implements ValidateJob.RowReader {

    private static final String T = "rowsweep_t";

    private final String select;
    private final int columns;

    /** @param joined each joined table, resolved, in the order of {@link TableMapping#joins()} */
    JoinedRows(Dialect dialect, Table table, TableMapping mapping, List<Table> joined, List<EntityBinder.Selected> columns) {
        this.select = sql(dialect, table, mapping, joined, columns, "%RANGE%");
        this.columns = columns.size();
    }

    @Override
    public int columns() {
        return columns;
    }

    /** The SELECT of one chunk, {@code range} being the chunk's condition on the table's key. Pure, for tests. */
    static String sql(Dialect dialect, Table table, TableMapping mapping, List<Table> joined, List<EntityBinder.Selected> columns,
                      String range) {
        Set<String> inner = new LinkedHashSet<>(table.key().expressions());
        List<String> outer = new ArrayList<>();
        for (String k : table.key().expressions()) {
            outer.add(T + "." + k);
        }
        for (String k : mapping.keyColumns()) {
            inner.add(dialect.quote(table.column(k).orElseThrow().name()));
        }
        for (EntityBinder.Selected c : columns) {
            String quoted = dialect.quote(c.column().name());
            if (c.source() < 0) {
                inner.add(quoted);
                outer.add(T + "." + quoted);
            } else {
                outer.add("j" + c.source() + "." + quoted);
            }
        }
        // The key's text, where a key column does not read as itself, after the columns (Key#textIndexes), named
        // inside the derived table so the joined tables' columns of the same name do not clash with it.
        List<String> extraReads = table.key().extraReads();
        for (int i = 0; i < extraReads.size(); i++) {
            String name = dialect.quote(Key.READ_NAME + (i + 1));
            inner.add(extraReads.get(i) + " AS " + name);
            outer.add(T + "." + name);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", outer)).append(" FROM (SELECT ")
                .append(String.join(", ", inner)).append(" FROM ").append(dialect.qualify(table.namespace(), table.name()))
                .append(" WHERE ").append(range).append(") ").append(T);
        for (int i = 0; i < joined.size(); i++) {
            Table j = joined.get(i);
            TableMapping.JoinedTable how = mapping.joins().get(i);
            sql.append(" LEFT JOIN ").append(dialect.qualify(j.namespace(), j.name())).append(" j").append(i).append(" ON ");
            for (int k = 0; k < how.keyColumns().size(); k++) {
                String own = dialect.quote(j.column(how.keyColumns().get(k)).orElseThrow().name());
                String key = dialect.quote(table.column(mapping.keyColumns().get(k)).orElseThrow().name());
                sql.append(k == 0 ? "" : " AND ").append('j').append(i).append('.').append(own).append(" = ").append(T).append('.')
                        .append(key);
            }
        }
        return sql.toString();
    }

    /** Streams the chunk's rows in bounded memory, as {@link ChunkContext#forEachRow} does; returns their number. */
    @Override
    public long forEachRow(ChunkContext ctx, RowHandler handler) throws Exception {
        RangeCondition range = ctx.range();
        Dialect dialect = ctx.dialect();
        long rows = 0;
        dialect.beforeRangeScan(ctx.connection());
        try (PreparedStatement ps = ctx.connection().prepareStatement(select.replace("%RANGE%", range.sql()),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            range.bind(ps, 1);
            rows = ctx.stream(ps, handler);
        }
        dialect.afterRangeScan(ctx.connection());
        return rows;
    }
}
