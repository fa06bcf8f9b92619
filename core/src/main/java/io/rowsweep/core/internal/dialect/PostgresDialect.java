package io.rowsweep.core.internal.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * PostgreSQL through pgjdbc. Streams only with autocommit off and a fetch size; binary transfer
 * from the first execution ({@code prepareThreshold = -1}) reads numbers and timestamps markedly
 * faster than text. Tables without a key are split by {@code ctid} page ranges.
 */
public final class PostgresDialect extends BaseDialect {

    /** Most tuples a heap page can hold is far below this; used as "after every row on the page". */
    private static final int MAX_TUPLE_INDEX = 65535;

    private static final RowLocator CTID = new RowLocator() {
        @Override
        public String column() {
            return "ctid";
        }

        @Override
        public String placeholder() {
            return "?::tid";
        }

        @Override
        public String lastOnPage(long page) {
            return "(" + page + "," + MAX_TUPLE_INDEX + ")";
        }

        @Override
        public long pages(Connection connection, String namespace, String table) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT pg_relation_size(c.oid) / current_setting('block_size')::bigint FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
                ps.setString(1, namespace);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
    };

    public PostgresDialect() {
        super('"');
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    /** max_connections less superuser_reserved_connections less the client backends open now. */
    @Override
    public OptionalInt freeConnections(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int"
                + " - current_setting('superuser_reserved_connections')::int"
                + " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")) {
            return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
        }
    }

    /** The OID, which stays through TRUNCATE, VACUUM FULL, CLUSTER and table rewrites, and only a new table gets another. */
    @Override
    public String tableIdentity(Connection connection, String namespace, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "oid:" + rs.getLong(1) : null;
            }
        }
    }

    @Override
    public boolean supports(DatabaseMetaData metaData) throws SQLException {
        return metaData.getDatabaseProductName().toLowerCase().contains("postgres");
    }

    @Override
    public void configureStreaming(Statement statement, int fetchSize) throws SQLException {
        statement.setFetchSize(fetchSize);
        if (PgJdbc.PRESENT && statement.isWrapperFor(org.postgresql.PGStatement.class)) {
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }
    }

    /**
     * A plain index scan visits the heap in index order, tuple by tuple; for a chunk's whole range
     * a bitmap heap scan (pages in physical order) is two to three times cheaper.
     */
    @Override
    public void beforeRangeScan(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL enable_indexscan = off");
        }
    }

    @Override
    public void afterRangeScan(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL enable_indexscan = on");
        }
    }

    @Override
    boolean isTransientState(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        // 57P01-57P03: admin shutdown, crash shutdown, cannot connect now (restarting);
        // 57014: query canceled; 55P03: lock not available (lock_timeout); 53300: too many connections.
        return super.isTransientState(e) || state.startsWith("57P") || state.equals("57014")
                || state.equals("55P03") || state.equals("53300");
    }

    @Override
    public void applyLockTimeout(Connection connection, Duration timeout) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
        }
    }

    @Override
    public String currentNamespace(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public OptionalLong estimateRows(Connection connection, String namespace, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.reltuples::bigint, c.relpages FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) >= 0) {
                    return OptionalLong.of(rs.getLong(1));
                }
            }
        }
        return OptionalLong.empty();
    }

    /** pgjdbc's getPrimaryKeys takes tens of milliseconds a table; the catalog answers in one. */
    @Override
    public List<String> primaryKey(Connection connection, String namespace, String table) throws SQLException {
        List<String> columns = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
                        + " WHERE i.indisprimary AND n.nspname = ? AND c.relname = ? ORDER BY k.ord")) {
            ps.setString(1, namespace);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    @Override
    public RowLocator rowLocator() {
        return CTID;
    }

    /** Whether pgjdbc is on the class path (the dialect also works through other drivers' wrappers). */
    private static final class PgJdbc {
        static final boolean PRESENT = present();

        private static boolean present() {
            try {
                Class.forName("org.postgresql.PGStatement", false, PostgresDialect.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
