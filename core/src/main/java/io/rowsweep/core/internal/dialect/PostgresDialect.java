package io.rowsweep.core.internal.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import io.rowsweep.core.spi.ColumnType;
import io.rowsweep.core.spi.KeyPredicate;
import io.rowsweep.core.spi.KeyType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL through pgjdbc. Streams only with autocommit off and a fetch size; binary transfer
 * from the first execution ({@code prepareThreshold = -1}) reads numbers and timestamps markedly
 * faster than text. Tables without a key are split by {@code ctid} page ranges.
 */
public final class PostgresDialect extends BaseDialect {

    /** pgjdbc's text of a timestamptz: date, time with any fraction, offset in hours with optional minutes and seconds. */
    private static final Pattern TIMESTAMPTZ = Pattern.compile("(\\d{4,}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)([+-]\\d\\d)(?::(\\d\\d))?(?::(\\d\\d))?");

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

    @Override
    public String readOnlyServer(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1) ? "a hot standby (pg_is_in_recovery())" : null;
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

    /** 55P03: lock not available, from NOWAIT or lock_timeout. */
    @Override
    boolean isLockConflictState(SQLException e) {
        return "55P03".equals(e.getSQLState());
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

    /**
     * Each column's type as {@code format_type} writes it (schema-qualified where the search path
     * does not reach it, with its precision), and what it behaves as: a domain's base type,
     * {@code enum}, {@code array}, else the type's own name.
     */
    @Override
    public Map<String, ColumnType> columnTypes(Connection connection, String namespace, String table) throws SQLException {
        Map<String, ColumnType> types = new HashMap<>();
        forEachRowOf(connection, "SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                        + " CASE WHEN b.typtype = 'e' THEN 'enum' WHEN b.typcategory = 'A' THEN 'array' ELSE b.typname END,"
                        // The schema of the "<" of the type's default B-tree order, the order ORDER BY and its index use.
                        + " (SELECT quote_ident(ons.nspname) FROM pg_opclass oc"
                        + " JOIN pg_amop ao ON ao.amopfamily = oc.opcfamily AND ao.amopstrategy = 1"
                        + " AND ao.amoplefttype = oc.opcintype AND ao.amoprighttype = oc.opcintype"
                        + " JOIN pg_operator o ON o.oid = ao.amopopr JOIN pg_namespace ons ON ons.oid = o.oprnamespace"
                        + " WHERE oc.opcmethod = (SELECT oid FROM pg_am WHERE amname = 'btree') AND oc.opcdefault AND oc.opcintype = b.oid"
                        + " AND ons.nspname <> 'pg_catalog' LIMIT 1)"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_type t ON t.oid = a.atttypid"
                        + " JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
                        + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped", namespace, table,
                rs -> types.put(rs.getString(1), new ColumnType(rs.getString(2), rs.getString(3), rs.getString(4))));
        return types;
    }

    /**
     * Every key is read as {@code column::text} (integers, text and uuid read as themselves, which
     * pgjdbc gives exactly) and bound as {@code CAST(? AS declared type)}: citext compares
     * case-insensitively, enums in their declared order, inet as addresses, and timestamptz keeps
     * its offset, whatever the JVM's time zone. Comparisons name their operators' schema, so an
     * extension type outside the search path (citext) compares in its own order, not as text.
     */
    @Override
    public KeyType keyType(String column, int jdbcType, ColumnType type) {
        return typed(type).comparedIn(type.operatorSchema() == null ? "pg_catalog" : type.operatorSchema());
    }

    private static KeyType typed(ColumnType type) {
        String cast = "CAST(? AS " + type.declared() + ")";
        switch (type.base()) {
            case "int2":
            case "int4":
            case "int8":
                return KeyType.of(type.declared(), null, cast).shownAs(KeyType.NUMBER);
            case "text":
            case "varchar":
            case "uuid":
                return KeyType.of(type.declared(), null, cast);
            case "numeric":
            case "float4":
            case "float8":
                return KeyType.of(type.declared(), PostgresDialect::asText, cast).shownAs(KeyType.NUMBER);
            case "bool":
                return KeyType.of(type.declared(), PostgresDialect::asText, cast).shownAs(KeyType.BOOLEAN);
            case "timestamptz":
                return KeyType.of(type.declared(), PostgresDialect::asText, cast).shownAs(PostgresDialect::isoTimestampTz);
            default:
                return KeyType.of(type.declared(), PostgresDialect::asText, cast);
        }
    }

    /** Row values where every key column compares with operators of one schema; the expanded form where they differ. */
    @Override
    public KeyPredicate keyAfter(List<String> columns, List<KeyType> types) {
        return oneSchema(types) ? rowValue(columns, types, ">") : expanded(columns, types, ">", ">=", ">");
    }

    @Override
    public KeyPredicate keyAtMost(List<String> columns, List<KeyType> types) {
        return oneSchema(types) ? rowValue(columns, types, "<=") : expanded(columns, types, "<", "<=", "<=");
    }

    private static boolean oneSchema(List<KeyType> types) {
        return types.stream().map(t -> t.operator("<")).distinct().count() == 1;
    }

    private static String asText(String column) {
        return column + "::text";
    }

    /** {@code 2026-03-29 02:30:00.5+02} as ISO-8601 with a full offset, {@code 2026-03-29T02:30:00.5+02:00}; other forms as they are. */
    static Object isoTimestampTz(String text) {
        Matcher m = TIMESTAMPTZ.matcher(text);
        if (!m.matches()) {
            return text; // infinity, BC dates
        }
        return m.group(1) + "T" + m.group(2) + m.group(3) + ":" + (m.group(4) == null ? "00" : m.group(4))
                + (m.group(5) == null ? "" : ":" + m.group(5));
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
