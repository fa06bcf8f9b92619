package io.rowsweep.core.internal.dialect;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.spi.ColumnType;
import io.rowsweep.core.spi.KeyPredicate;
import io.rowsweep.core.spi.KeyType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB share SQL: backtick quoting, databases as namespaces, the expanded key
 * comparison (their optimizers do not always range-scan row values), and InnoDB's error codes.
 * The two drivers differ in how they stream, which the subclasses say.
 */
abstract class MySqlFamilyDialect extends BaseDialect {

    /**
     * Lock wait timeout, deadlock, server gone away, lost connection, connection killed, shutdown, too many connections, query
     * interrupted, MySQL 8's NOWAIT conflict.
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1213, 2006, 2013, 1927, 1053, 1040, 1317, 3024, 3572);

    /** The base type of a TIMESTAMP column whose session time zone has daylight saving time (an hour repeats each autumn). */
    private static final String TIMESTAMP_IN_DST_ZONE = "timestamp in a daylight-saving time zone";
    private static final Pattern PRECISION = Pattern.compile("\\((\\d+)(?:,(\\d+))?\\)");
    private static final Pattern LABEL = Pattern.compile("'((?:[^']|'')*)'");

    MySqlFamilyDialect() {
        super('`');
    }

    @Override
    public KeyPredicate keyAfter(List<String> columns, List<KeyType> types) {
        return expanded(columns, types, ">", ">=", ">");
    }

    @Override
    public KeyPredicate keyAtMost(List<String> columns, List<KeyType> types) {
        return expanded(columns, types, "<", "<=", "<=");
    }

    /** 1205: lock wait timeout, which MariaDB also answers to NOWAIT; 3572: MySQL 8's NOWAIT conflict. */
    @Override
    boolean isLockConflictState(SQLException e) {
        return e.getErrorCode() == 1205 || e.getErrorCode() == 3572;
    }

    @Override
    boolean isTransientState(SQLException e) {
        return super.isTransientState(e) || TRANSIENT_CODES.contains(e.getErrorCode()) || "70100".equals(e.getSQLState());
    }

    @Override
    public void applyLockTimeout(Connection connection, Duration timeout) throws SQLException {
        // innodb_lock_wait_timeout is in whole seconds and cannot be set per transaction.
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        setLockWait(connection, seconds);
    }

    /**
     * Sets the session's lock wait, keeping the one it had before rowsweep first changed it in a
     * session variable (in the same statement: no extra round trip), for {@link #restoreSession}.
     */
    private static void setLockWait(Connection connection, long seconds) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET @rowsweep_lock_wait = COALESCE(@rowsweep_lock_wait, @@SESSION.innodb_lock_wait_timeout),"
                    + " SESSION innodb_lock_wait_timeout = " + seconds);
        }
    }

    @Override
    public void restoreSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = CAST(COALESCE(@rowsweep_lock_wait, @@SESSION.innodb_lock_wait_timeout) AS UNSIGNED),"
                    + " @rowsweep_lock_wait = NULL");
        }
    }

    /**
     * MariaDB (10.3 on) takes {@code innodb_lock_wait_timeout = 0} as NOWAIT, for any statement. A
     * MySQL server's shortest wait is a whole second, in which InnoDB's deadlock detection may roll
     * back the application's transaction rather than the chunk's (it picks the one that changed
     * fewer rows): there, false.
     */
    @Override
    public boolean applyNoLockWait(Connection connection) throws SQLException {
        if (!connection.getMetaData().getDatabaseProductVersion().contains("MariaDB")) {
            return false;
        }
        setLockWait(connection, 0);
        return true;
    }

    @Override
    public String currentNamespace(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public String metadataCatalog(String namespace) {
        return namespace;
    }

    @Override
    public String metadataSchema(String namespace) {
        return null;
    }

    /**
     * {@code COLUMN_TYPE} as declared ({@code decimal(30,10)}, {@code enum('a','b')}, {@code bigint(20) unsigned})
     * and {@code DATA_TYPE} as the base. A TIMESTAMP's text depends on the session's time zone; where
     * that zone repeats an hour each autumn, two instants share one text, which {@link #keyType} refuses.
     */
    @Override
    public Map<String, ColumnType> columnTypes(Connection connection, String namespace, String table) throws SQLException {
        Map<String, ColumnType> types = new HashMap<>();
        forEachRowOf(connection, "SELECT COLUMN_NAME, COLUMN_TYPE, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ?", namespace, table,
                rs -> types.put(rs.getString(1), new ColumnType(rs.getString(2), rs.getString(3).toLowerCase(Locale.ROOT))));
        if (types.values().stream().anyMatch(t -> t.base().equals("timestamp")) && sessionZoneHasDaylightSaving(connection)) {
            types.replaceAll((name, t) -> t.base().equals("timestamp") ? new ColumnType(t.declared(), TIMESTAMP_IN_DST_ZONE) : t);
        }
        return types;
    }

    /** Whether the session's time zone is an hour apart between January and July (so it repeats an hour each year). */
    private static boolean sessionZoneHasDaylightSaving(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT UNIX_TIMESTAMP('2026-01-15 12:00:00') - 1768478400,"
                     + " UNIX_TIMESTAMP('2026-07-15 12:00:00') - 1784116800")) {
            rs.next();
            return rs.getLong(1) != rs.getLong(2);
        }
    }

    /**
     * Keys read as the server's text ({@code CAST(c AS CHAR)}; binary strings as hex; ENUM, SET, BIT
     * and YEAR as their numbers, which is how they sort) and bound back with a cast to the column's
     * type, precision included, so DECIMAL, DATETIME(6), TIME beyond 24 hours and unsigned BIGINT
     * compare exactly.
     */
    @Override
    public KeyType keyType(String column, int jdbcType, ColumnType type) {
        String declared = type.declared().toLowerCase(Locale.ROOT);
        boolean unsigned = declared.contains("unsigned");
        String integer = unsigned ? "CAST(? AS UNSIGNED)" : "CAST(? AS SIGNED)";
        switch (type.base()) {
            case "tinyint":
                return KeyType.of(declared, MySqlFamilyDialect::asText, integer).shownAs(KeyType.NUMBER);
            case "smallint":
            case "mediumint":
            case "int":
            case "integer":
            case "bigint":
                return KeyType.of(declared, null, integer).shownAs(KeyType.NUMBER);
            case "decimal":
                return KeyType.of(declared, MySqlFamilyDialect::asText, "CAST(? AS DECIMAL" + precision(declared, "(10,0)") + ")")
                        .shownAs(KeyType.NUMBER);
            case "double":
                return KeyType.of(declared, MySqlFamilyDialect::asText, "CAST(? AS DOUBLE)").shownAs(KeyType.NUMBER);
            case "float":
                // A FLOAT compares with a DOUBLE by its exact value, which is what + 0e0 reads.
                return KeyType.of(declared, c -> "CAST(" + c + " + 0e0 AS CHAR)", "CAST(? AS DOUBLE)")
                        .shownAs(text -> new java.math.BigDecimal(Float.toString((float) Double.parseDouble(text))));
            case "char":
            case "varchar":
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
                return KeyType.of(declared, null, "?");
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                return KeyType.of(declared, c -> "HEX(" + c + ")", "UNHEX(?)").shownAs(hex -> "0x" + hex);
            case "date":
                return KeyType.of(declared, MySqlFamilyDialect::asText, "CAST(? AS DATE)");
            case "datetime":
            case "timestamp":
                return KeyType.of(declared, MySqlFamilyDialect::asText, "CAST(? AS DATETIME" + precision(declared, "") + ")");
            case "time":
                return KeyType.of(declared, MySqlFamilyDialect::asText, "CAST(? AS TIME" + precision(declared, "") + ")");
            case "year":
            case "bit":
                return KeyType.of(declared, c -> "CAST(" + c + " + 0 AS CHAR)", "CAST(? AS UNSIGNED)").shownAs(KeyType.NUMBER);
            case "enum":
                return KeyType.of(declared, c -> "CAST(" + c + " + 0 AS CHAR)", "CAST(? AS UNSIGNED)").shownAs(labels(type.declared(), false));
            case "set":
                return KeyType.of(declared, c -> "CAST(" + c + " + 0 AS CHAR)", "CAST(? AS UNSIGNED)").shownAs(labels(type.declared(), true));
            case "uuid":
            case "inet4":
            case "inet6":
                return KeyType.of(declared, MySqlFamilyDialect::asText, "CAST(? AS " + type.base().toUpperCase(Locale.ROOT) + ")");
            case TIMESTAMP_IN_DST_ZONE:
                throw RowSweepException.configuration("Key column '" + column + "' is a TIMESTAMP and this session's time zone has"
                        + " daylight saving time, so the hour that repeats each autumn names two instants with one value and"
                        + " rowsweep cannot name every row exactly. Give rowsweep's connections a fixed offset: add"
                        + " sessionVariables=time_zone='+00:00' to the JDBC URL.");
            default:
                throw RowSweepException.configuration("Key column '" + column + "' has type " + declared + ", which rowsweep cannot"
                        + " order and name exactly on " + name() + ". Split the table by another unique NOT NULL index, or"
                        + " add one on columns of a number, string, binary, date or time type.");
        }
    }

    private static String asText(String column) {
        return "CAST(" + column + " AS CHAR)";
    }

    /** {@code (30,10)} of {@code decimal(30,10)}, or {@code otherwise}. */
    private static String precision(String declared, String otherwise) {
        Matcher m = PRECISION.matcher(declared);
        return m.find() ? m.group() : otherwise;
    }

    /** An ENUM's number as its label, a SET's bit mask as its labels joined by commas. */
    private static Function<String, Object> labels(String declared, boolean set) {
        List<String> labels = new ArrayList<>();
        Matcher m = LABEL.matcher(declared.substring(declared.indexOf('(')));
        while (m.find()) {
            labels.add(m.group(1).replace("''", "'"));
        }
        return text -> {
            long n = Long.parseLong(text);
            if (!set) {
                return n >= 1 && n <= labels.size() ? labels.get((int) n - 1) : "";
            }
            List<String> members = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if ((n & (1L << i)) != 0) {
                    members.add(labels.get(i));
                }
            }
            return String.join(",", members);
        };
    }

    /** max_connections less the connections open now (Threads_connected, which any user may read). */
    @Override
    public OptionalInt freeConnections(Connection connection) throws SQLException {
        String open = firstValue(connection, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = ?",
                "THREADS_CONNECTED");
        String max = firstValue(connection, "SELECT @@max_connections");
        if (open == null || max == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(max.trim()) - Integer.parseInt(open.trim()));
    }

    /** {@code read_only}, as replicas are set: its administrators may still write, which would set the replica apart. */
    @Override
    public String readOnlyServer(Connection connection) throws SQLException {
        return "1".equals(firstValue(connection, "SELECT @@read_only")) ? "the server is read_only (a replica)" : null;
    }

    /**
     * InnoDB's table id where this user may read it (the PROCESS privilege), else the table's
     * creation time (whole seconds). Both change when the table is dropped and created again, and
     * also when it is rebuilt (TRUNCATE, OPTIMIZE, a copying ALTER TABLE; the creation time even
     * with an instant one): MariaDB and MySQL keep nothing that survives a rebuild but not a re-creation.
     */
    @Override
    public String tableIdentity(Connection connection, String namespace, String table) throws SQLException {
        if (PLAIN_NAME.matcher(namespace).matches() && PLAIN_NAME.matcher(table).matches()) {
            for (String innodbTables : List.of("INNODB_SYS_TABLES", "INNODB_TABLES")) { // MariaDB, MySQL 8
                String id = firstValue(connection, "SELECT TABLE_ID FROM information_schema." + innodbTables + " WHERE NAME = ?",
                        namespace + "/" + table);
                if (id != null) {
                    return "innodb:" + id;
                }
            }
        }
        String created = firstValue(connection, "SELECT CREATE_TIME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                namespace, table);
        return created == null ? null : "created:" + created;
    }

    /** Names InnoDB lists as written ({@code db/table}); others it encodes, and the creation time serves. */
    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");

    /** The first column of the first row, or null when there is none or this user may not read it. */
    private static String firstValue(Connection connection, String sql, String... parameters) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException notReadable) {
            return null;
        }
    }

    @Override
    public OptionalLong estimateRows(Connection connection, String namespace, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    return OptionalLong.of(rs.getLong(1));
                }
            }
        }
        return OptionalLong.empty();
    }
}
