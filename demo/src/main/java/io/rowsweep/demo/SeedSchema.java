package io.rowsweep.demo;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.demo.internal.Defect;
import io.rowsweep.demo.internal.SeedSql;
import io.rowsweep.demo.internal.SqlFlavor;
import io.rowsweep.demo.model.Content;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * valid_data's benchmark schema at a scale: seven tables ({@link SeedTable}) of
 * 1,232,687 rows at scale 1, some of them invalid on purpose ({@link SeedRule}), loaded
 * set-based on PostgreSQL, MariaDB or H2.
 *
 * <pre>{@code
 * SeedSchema seed = SeedSchema.atScale(0.1);
 * seed.load(dataSource);                        // creates and fills the tables, or keeps them if up to date
 * List<TableCounts> expected = SeedSchema.count(dataSource);   // invalid rows per table and rule, by SQL
 * }</pre>
 *
 * The generated rows are the same on every database and at every run: row number {@code i} of a
 * table gets its title, body and defects from {@code i} alone.
 */
public final class SeedSchema {

    /** Default scale: 1.0, the seed's own row counts. */
    public static final double DEFAULT_SCALE = 1.0;
    /** Largest scale accepted: 100 (about 123 million rows). */
    public static final double MAX_SCALE = 100;
    /** Class path resource of the rules file equivalent to the entity classes (format of {@code rowsweep validate --rules}). */
    public static final String RULES_RESOURCE = "/io/rowsweep/demo/seed-rules.yaml";
    /** Changes whenever the generated data or the way it is loaded changes, so an older schema is reloaded. */
    static final int VERSION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SeedSchema.class);

    private final double scale;

    private SeedSchema(double scale) {
        this.scale = scale;
    }

    /** The schema at {@code scale} (0.01 for tests; at most {@value #MAX_SCALE}). */
    public static SeedSchema atScale(double scale) {
        if (!(scale > 0 && scale <= MAX_SCALE)) {
            throw RowSweepException.usage("scale must be above 0 and at most " + (int) MAX_SCALE + " (1 = the seed's 1,232,687 rows), not "
                    + scale + ".");
        }
        return new SeedSchema(scale);
    }

    /** The schema at the seed's own size. */
    public static SeedSchema full() {
        return atScale(DEFAULT_SCALE);
    }

    public double scale() {
        return scale;
    }

    public long rows(SeedTable table) {
        return table.rowsAt(scale);
    }

    public long totalRows() {
        return Arrays.stream(SeedTable.values()).mapToLong(this::rows).sum();
    }

    /** The seven tables' names, in the seed's order (smallest first). */
    public static List<String> tableNames() {
        return Arrays.stream(SeedTable.values()).map(SeedTable::tableName).collect(Collectors.toList());
    }

    /** The seven entity classes, in the seed's order. */
    public static List<Class<? extends Content>> entityClasses() {
        return Arrays.stream(SeedTable.values()).map(SeedTable::entityClass).collect(Collectors.toList());
    }

    /** What a load at this scale plants: rows, invalid rows and violations per rule of {@code table}. */
    public TableCounts intended(SeedTable table) {
        long n = rows(table);
        long invalid = 0;
        Map<SeedRule, Long> byRule = new EnumMap<>(SeedRule.class);
        for (Defect d : Defect.values()) {
            long rows = d.rowsAmong(n);
            invalid += rows;
            d.breaks().forEach(r -> byRule.merge(r, rows, Long::sum));
        }
        return new TableCounts(table.tableName(), n, invalid, byRule);
    }

    /** {@link #intended(SeedTable)} of every table, in the seed's order. */
    public List<TableCounts> intended() {
        return Arrays.stream(SeedTable.values()).map(this::intended).collect(Collectors.toList());
    }

    /** What happened in {@link #load}. */
    public record LoadResult(boolean reused, long rows, Duration elapsed) {
    }

    /**
     * Creates and fills the seven tables in the data source's current schema, unless they already
     * hold exactly this scale's data (then they are kept, in the time of one scan). Tables the demo
     * did not create are never dropped: if a table of the same name exists without the demo's
     * marker, this fails and names it.
     */
    public LoadResult load(DataSource dataSource) {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (isUpToDate(c)) {
                LOG.info("Seed schema at scale {} is already loaded ({} rows); keeping it", scale, String.format(Locale.ROOT, "%,d", totalRows()));
                return new LoadResult(true, totalRows(), Duration.ofNanos(System.nanoTime() - start));
            }
            fill(c);
            return new LoadResult(false, totalRows(), Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            throw new RowSweepException(ErrorCode.RUN_FAILED, "Could not load the seed schema: " + e.getMessage()
                    + ". Check that the user may create tables in the current schema.", e);
        }
    }

    /** Drops and refills the seven tables, whatever they hold (only if the demo created them). */
    public LoadResult reload(DataSource dataSource) {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            fill(c);
            return new LoadResult(false, totalRows(), Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            throw new RowSweepException(ErrorCode.RUN_FAILED, "Could not load the seed schema: " + e.getMessage(), e);
        }
    }

    /** Drops the seven tables and the marker, if the demo created them. */
    public static void drop(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            SeedSql sql = new SeedSql(SqlFlavor.of(c.getMetaData()));
            dropOwnTables(c, sql);
        } catch (SQLException e) {
            throw new RowSweepException(ErrorCode.RUN_FAILED, "Could not drop the seed schema: " + e.getMessage(), e);
        }
    }

    /** Whether the tables hold exactly this scale's data: the marker matches and every count is as intended. */
    public boolean isUpToDate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return isUpToDate(c);
        } catch (SQLException e) {
            throw new RowSweepException(ErrorCode.CONNECTION, "Could not read the seed schema: " + e.getMessage(), e);
        }
    }

    private boolean isUpToDate(Connection c) throws SQLException {
        SeedSql sql = new SeedSql(SqlFlavor.of(c.getMetaData()));
        if (!tableExists(c, SeedSql.MARKER_TABLE)) {
            return false;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, scale FROM " + SeedSql.MARKER_TABLE)) {
            if (!rs.next() || rs.getInt(1) != VERSION || !String.valueOf(scale).equals(rs.getString(2))) {
                return false;
            }
        }
        for (SeedTable t : SeedTable.values()) {
            if (!tableExists(c, t.tableName()) || !count(c, sql, t).equals(intended(t))) {
                return false;
            }
        }
        return true;
    }

    private void fill(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        SeedSql sql = new SeedSql(SqlFlavor.of(md));
        dropOwnTables(c, sql);
        LOG.info("Loading the seed schema at scale {}: {} rows in {} tables on {} {}", scale,
                String.format(Locale.ROOT, "%,d", totalRows()), SeedTable.values().length, md.getDatabaseProductName(),
                md.getDatabaseProductVersion());
        int done = 0;
        try (Statement s = c.createStatement()) {
            for (SeedTable t : SeedTable.values()) {
                long start = System.nanoTime();
                s.execute(sql.createTable(t));
                s.execute(sql.insert(t, rows(t)));
                for (String analyze : sql.analyze(t)) {
                    s.execute(analyze);
                }
                LOG.info("  {} ({}/{}): {} rows in {} ms", t.tableName(), ++done, SeedTable.values().length,
                        String.format(Locale.ROOT, "%,d", rows(t)), (System.nanoTime() - start) / 1_000_000);
            }
            // Written last: a load that dies half-way leaves no marker, so the next load starts over.
            s.execute(sql.createMarker());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + SeedSql.MARKER_TABLE + " (version, scale) VALUES (?, ?)")) {
            ps.setInt(1, VERSION);
            ps.setString(2, String.valueOf(scale));
            ps.executeUpdate();
        }
    }

    private static void dropOwnTables(Connection c, SeedSql sql) throws SQLException {
        boolean ours = tableExists(c, SeedSql.MARKER_TABLE);
        List<String> present = new ArrayList<>();
        for (String t : tableNames()) {
            if (tableExists(c, t)) {
                present.add(t);
            }
        }
        if (!ours && !present.isEmpty()) {
            throw RowSweepException.configuration("Table " + String.join(", ", present) + " already exists and was not created by the"
                    + " rowsweep demo, which will not drop it. Point --url at an empty schema, or drop the table yourself.");
        }
        try (Statement s = c.createStatement()) {
            for (String t : present) {
                s.execute(sql.dropTable(t));
            }
            s.execute(sql.dropTable(SeedSql.MARKER_TABLE));
        }
    }

    /**
     * Counts, by SQL over the data as it is now, the rows, invalid rows and rows breaking each
     * rule of every seed table: what a validation of the seed's entities must report.
     */
    public static List<TableCounts> count(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            SeedSql sql = new SeedSql(SqlFlavor.of(c.getMetaData()));
            List<TableCounts> counts = new ArrayList<>();
            for (SeedTable t : SeedTable.values()) {
                counts.add(count(c, sql, t));
            }
            return counts;
        } catch (SQLException e) {
            throw new RowSweepException(ErrorCode.CONFIGURATION, "Could not count the seed tables: " + e.getMessage()
                    + ". Load them first (SeedSchema.load).", e);
        }
    }

    private static TableCounts count(Connection c, SeedSql sql, SeedTable table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.count(table))) {
            rs.next();
            Map<SeedRule, Long> byRule = new EnumMap<>(SeedRule.class);
            int column = 3;
            for (SeedRule r : SeedRule.values()) {
                byRule.put(r, rs.getLong(column++));
            }
            return new TableCounts(table.tableName(), rs.getLong(1), rs.getLong(2), byRule);
        }
    }

    /** Whether the current schema (MariaDB: database) has {@code table}; asks the metadata, as a failing probe query would be logged by some drivers. */
    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        String escape = md.getSearchStringEscape();
        String pattern = escape == null ? name : name.replace("_", escape + "_");
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), pattern, new String[]{"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The rules file equivalent to the entity classes, as text. */
    public static String rulesYaml() {
        try (InputStream in = SeedSchema.class.getResourceAsStream(RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RULES_RESOURCE);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the rules file to {@code target} (for {@code --rules}); returns it. */
    public static Path writeRules(Path target) {
        try {
            return Files.writeString(target, rulesYaml());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }
}
