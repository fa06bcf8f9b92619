package io.rowsweep.core.internal.dialect;

import io.rowsweep.core.spi.KeyPredicate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * MySQL and MariaDB share SQL: backtick quoting, databases as namespaces, the expanded key
 * comparison (their optimizers do not always range-scan row values), and InnoDB's error codes.
 * The two drivers differ in how they stream, which the subclasses say.
 */
abstract class MySqlFamilyDialect extends BaseDialect {

    /** Lock wait timeout, deadlock, server gone away, lost connection, connection killed, shutdown, too many connections, query interrupted. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1213, 2006, 2013, 1927, 1053, 1040, 1317, 3024);

    MySqlFamilyDialect() {
        super('`');
    }

    @Override
    public KeyPredicate keyAfter(List<String> columns, List<String> placeholders) {
        return expanded(columns, placeholders, ">", ">=", ">");
    }

    @Override
    public KeyPredicate keyAtMost(List<String> columns, List<String> placeholders) {
        return expanded(columns, placeholders, "<", "<=", "<=");
    }

    @Override
    boolean isTransientState(SQLException e) {
        return super.isTransientState(e) || TRANSIENT_CODES.contains(e.getErrorCode()) || "70100".equals(e.getSQLState());
    }

    @Override
    public void applyLockTimeout(Connection connection, Duration timeout) throws SQLException {
        // innodb_lock_wait_timeout is in whole seconds and cannot be set per transaction.
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = " + seconds);
        }
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
