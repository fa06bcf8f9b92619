package io.rowsweep.core.internal.dialect;

import io.rowsweep.core.spi.KeyPredicate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
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
