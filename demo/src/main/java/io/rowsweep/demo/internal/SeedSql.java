package io.rowsweep.demo.internal;

import io.rowsweep.demo.SeedRule;
import io.rowsweep.demo.SeedTable;

import java.util.List;
import java.util.function.Function;

/**
 * The SQL that creates, fills and counts the seed tables; pure strings, so it is tested without a
 * database. Table names are the entities' constant, lower-case {@code @Table} names, written
 * unquoted like an application's migration would, so each database folds them its own way.
 */
public final class SeedSql {

    /** Marks a schema the demo loaded: its version and scale, so a reload can be skipped. */
    public static final String MARKER_TABLE = "rowsweep_demo_seed";
    /** Widest generated title (the over-long ones are about 330 characters). */
    private static final int TITLE_WIDTH = 400;
    /** Ids of the sparse table jump by this much after its first tenth of rows. */
    static final long DELETED_RANGE = 10_000_000L;

    private final SqlFlavor flavor;

    public SeedSql(SqlFlavor flavor) {
        this.flavor = flavor;
    }

    public String createTable(SeedTable table) {
        return "CREATE TABLE " + table.tableName() + " (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(" + TITLE_WIDTH + "), body "
                + flavor.bodyType() + ")";
    }

    public String dropTable(String table) {
        return "DROP TABLE IF EXISTS " + table;
    }

    /** Fills {@code table} with {@code rows} rows in one set-based statement. */
    public String insert(SeedTable table, long rows) {
        String label = table.modelName();
        return "INSERT INTO " + table.tableName() + " (id, title, body) SELECT " + id(table, rows) + ", "
                + column(Defect::title, "CONCAT('" + label + " ', g.i)", label) + ", "
                + column(Defect::body, "CONCAT('Body of " + label + " ', g.i, '. ', REPEAT('Lorem ipsum dolor sit amet. ', 1 + MOD(g.i, 8)))", label)
                + " FROM " + flavor.series(rows);
    }

    private static String id(SeedTable table, long rows) {
        if (!table.sparseIds()) {
            return "g.i";
        }
        return "2 * g.i + CASE WHEN g.i > " + rows / 10 + " THEN " + DELETED_RANGE + " ELSE 0 END";
    }

    private static String column(Function<Defect, String> value, String valid, String label) {
        StringBuilder b = new StringBuilder("CASE");
        for (Defect d : Defect.values()) {
            String v = value.apply(d);
            if (v != null) {
                b.append(" WHEN ").append(d.when()).append(" THEN ").append(String.format(v, label));
            }
        }
        return b.append(" ELSE ").append(valid).append(" END").toString();
    }

    /**
     * One row: the table's row count, its invalid rows, then the rows breaking each rule in
     * {@link SeedRule} order.
     */
    public String count(SeedTable table) {
        StringBuilder b = new StringBuilder("SELECT COUNT(*), ").append(sumWhen(SeedRule.anyViolated()));
        for (SeedRule r : SeedRule.values()) {
            b.append(", ").append(sumWhen(r.violatedWhen()));
        }
        return b.append(" FROM ").append(table.tableName()).toString();
    }

    private static String sumWhen(String condition) {
        return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
    }

    /**
     * After a bulk load: statistics for the planner and row estimates, and on PostgreSQL a vacuum,
     * so index-only scans (keyset walks over the key) need no heap visits, as on a table in use.
     */
    public List<String> analyze(SeedTable table) {
        switch (flavor) {
            case POSTGRES:
                return List.of("VACUUM ANALYZE " + table.tableName());
            case MARIADB:
                return List.of("ANALYZE TABLE " + table.tableName());
            default:
                return List.of();
        }
    }

    public String createMarker() {
        return "CREATE TABLE " + MARKER_TABLE + " (version INT NOT NULL, scale VARCHAR(40) NOT NULL)";
    }
}
