package io.rowsweep.validation.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkContext;
import io.rowsweep.core.spi.job.RangeCondition;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.spi.schema.KeyKind;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks that span rows, done in SQL per chunk, never one query per row: uniqueness (groups of
 * equal values with {@code count(*) > 1}) and references (anti-join against the referenced
 * table). Both report every offending row as a violation.
 */
final class SetChecks {

    static final String UNIQUE = "Unique";
    static final String REFERENCES = "References";
    private static final String T = "rowsweep_t";

    private SetChecks() {
    }

    /**
     * A uniqueness check of {@code columns}. When an index leads with exactly those columns (all
     * NOT NULL) the check walks it in chunks: equal values never straddle a chunk boundary, so
     * each chunk finds its duplicate groups whole. Otherwise it runs as one task over the table.
     *
     * @param property the entity property (or properties) the columns belong to, or null
     */
    static SweepTask<Spool> unique(Table table, List<Column> columns, String property, Connection c, Dialect dialect, ValidateJob job)
            throws SQLException {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(","));
        String name = table.label() + " unique(" + names + ")";
        Key chunkKey = indexLeadingWith(table, columns, c, dialect);
        String qualified = dialect.qualify(table.namespace(), table.name());
        List<String> quoted = columns.stream().map(col -> dialect.quote(col.name())).collect(Collectors.toList());
        String notNull = quoted.stream().map(q -> q + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String keys = String.join(", ", table.key().namedReads(dialect::quote));
        String groupSize = dialect.quote("rowsweep_n");
        List<String> keyNames = table.key().names();
        return new SweepTask<>(name, table, chunkKey, table.estimatedRows(), () -> ctx -> {
            RangeCondition range = ctx.range();
            // count(*) over the group is GROUP BY ... HAVING count(*) > 1 in one pass: no self-join (which H2 would
            // evaluate once per row), and every row of each duplicate group comes back with its group's size.
            String sql = "SELECT * FROM (SELECT " + keys + ", " + String.join(", ", quoted) + ", count(*) OVER (PARTITION BY "
                    + String.join(", ", quoted) + ") AS " + groupSize + " FROM " + qualified + " WHERE " + range.sql() + " AND " + notNull
                    + ") " + T + " WHERE " + groupSize + " > 1";
            ViolationWriter out = job.writer(table, leadingKeyText(keyNames.size()));
            try {
                long rows = countRows(ctx, qualified);
                int k = keyNames.size();
                try (PreparedStatement ps = ctx.connection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    dialect.configureStreaming(ps, 1000);
                    range.bind(ps, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.row(rs);
                            Object value;
                            if (columns.size() == 1) {
                                value = rs.getObject(k + 1);
                            } else {
                                List<String> parts = new ArrayList<>();
                                for (int i = 0; i < columns.size(); i++) {
                                    parts.add(String.valueOf(rs.getObject(k + 1 + i)));
                                }
                                value = "(" + String.join(", ", parts) + ")";
                            }
                            long n = rs.getLong(k + columns.size() + 1);
                            out.add(names, property, UNIQUE, "must be unique, but " + n + " rows have this value", value);
                        }
                    }
                }
                return job.outcome(ctx, rows, out);
            } catch (Exception e) {
                out.discard();
                throw e;
            }
        }, false);
    }

    /**
     * A reference check: every non-null {@code column} value of {@code table} must exist as
     * {@code targetColumn} of {@code target}; chunked by the table's key.
     */
    static SweepTask<Spool> references(Table table, Column column, String property, Table target, Column targetColumn, Dialect dialect,
                                ValidateJob job) {
        String name = table.label() + " references(" + column.name() + ")";
        String qualified = dialect.qualify(table.namespace(), table.name());
        String fk = dialect.quote(column.name());
        String keys = String.join(", ", table.key().namedReads(dialect::quote));
        List<String> keyNames = table.key().names();
        String message = "must reference an existing row of " + target.label() + " (" + targetColumn.name() + ")";
        return new SweepTask<>(name, table, table.key(), table.estimatedRows(), () -> ctx -> {
            RangeCondition range = ctx.range();
            String sql = "SELECT " + keys + ", " + fk + " FROM " + qualified + " " + T + " WHERE " + range.sql() + " AND " + fk
                    + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + dialect.qualify(target.namespace(), target.name())
                    + " rowsweep_p WHERE rowsweep_p." + dialect.quote(targetColumn.name()) + " = " + T + "." + fk + ")";
            ViolationWriter out = job.writer(table, leadingKeyText(keyNames.size()));
            try {
                long rows = countRows(ctx, qualified);
                try (PreparedStatement ps = ctx.connection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    dialect.configureStreaming(ps, 1000);
                    range.bind(ps, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.row(rs);
                            out.add(column.name(), property, REFERENCES, message, rs.getObject(keyNames.size() + 1));
                        }
                    }
                }
                return job.outcome(ctx, rows, out);
            } catch (Exception e) {
                out.discard();
                throw e;
            }
        }, false);
    }

    /** The key's text as these checks select it: the first columns of each row. */
    private static int[] leadingKeyText(int keySize) {
        int[] at = new int[keySize];
        for (int i = 0; i < keySize; i++) {
            at[i] = i + 1;
        }
        return at;
    }

    /** Rows in the chunk: what the check went through, for progress and chunk sizing. */
    private static long countRows(ChunkContext ctx, String qualified) throws SQLException {
        RangeCondition range = ctx.range();
        try (PreparedStatement ps = ctx.connection().prepareStatement("SELECT count(*) FROM " + qualified + " WHERE " + range.sql())) {
            range.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** An index whose leading columns are exactly {@code columns} (in any order), all NOT NULL, as a key; else null. */
    private static Key indexLeadingWith(Table table, List<Column> columns, Connection c, Dialect dialect) throws SQLException {
        if (columns.stream().anyMatch(Column::nullable)) {
            return null; // NULLs sort differently per database; a key walk must never stop at one
        }
        Map<String, TreeMap<Integer, String>> indexes = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getIndexInfo(dialect.metadataCatalog(table.namespace()), dialect.metadataSchema(table.namespace()),
                table.name(), false, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || column == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                indexes.computeIfAbsent(index, k -> new TreeMap<>()).put((int) rs.getShort("ORDINAL_POSITION"), column);
            }
        }
        java.util.Set<String> wanted = columns.stream().map(Column::name).collect(Collectors.toSet());
        for (Map.Entry<String, TreeMap<Integer, String>> e : indexes.entrySet()) {
            List<String> ordered = new ArrayList<>(e.getValue().values());
            if (ordered.size() < wanted.size()) {
                continue;
            }
            List<String> leading = ordered.subList(0, wanted.size());
            if (new HashSet<>(leading).equals(wanted)) {
                List<Column> keyColumns = leading.stream().map(n -> table.column(n).orElseThrow()).collect(Collectors.toList());
                try {
                    return TableResolver.key(dialect, KeyKind.INDEX, keyColumns, e.getKey());
                } catch (RowSweepException notAKeyType) {
                    return null; // the check runs as one task over the table instead
                }
            }
        }
        return null;
    }
}
