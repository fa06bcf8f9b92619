package io.rowsweep.core.spi;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What rowsweep needs to know about one database engine: how to quote, how to compare key tuples
 * so the index is used, how to stream a result in bounded memory, which errors are worth a retry.
 * SQL-building methods are pure (strings in, strings out).
 *
 * <p>Built-in dialects cover PostgreSQL, MariaDB, MySQL and H2. Another can be added with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.rowsweep.core.spi.Dialect}.
 */
public interface Dialect {

    /** A short name for logs and messages, e.g. {@code PostgreSQL}. */
    String name();

    /** Whether this dialect serves the database (and driver) described by {@code metaData}. */
    boolean supports(DatabaseMetaData metaData) throws SQLException;

    /** Quotes one identifier so any name (spaces, quotes, {@code ;}, keywords) is safe. */
    String quote(String identifier);

    /** A table reference, schema-qualified when {@code namespace} is not null. */
    default String qualify(String namespace, String table) {
        return namespace == null ? quote(table) : quote(namespace) + "." + quote(table);
    }

    /**
     * The condition "key tuple greater than the bound tuple", written so the key's index gives a
     * range scan and in the order of the key's index (each column's {@link KeyType#operator}).
     *
     * @param columns SQL expressions of the key columns, already quoted
     * @param types   each column's key type: its placeholder and comparison operators
     */
    KeyPredicate keyAfter(List<String> columns, List<KeyType> types);

    /** The condition "key tuple at most the bound tuple"; see {@link #keyAfter}. */
    KeyPredicate keyAtMost(List<String> columns, List<KeyType> types);

    /**
     * The declared types of {@code table}'s columns, by column name, where the database knows more
     * than JDBC metadata says (domains, enums, precisions, schemas of user types); empty by default.
     */
    default Map<String, ColumnType> columnTypes(Connection connection, String namespace, String table) throws SQLException {
        return Map.of();
    }

    /**
     * How the values of a key column travel exactly ({@link KeyType}): read as the database's own
     * text and bound back with a cast to the column's declared type. The default reads the column
     * with {@code getString} and binds {@code CAST(? AS declared)}; built-in dialects know their
     * types better. rowsweep also checks, before anything is written, that the first and last keys
     * of a table come back equal to themselves.
     *
     * @param column   the column's name, for messages
     * @param jdbcType its {@link java.sql.Types} code
     * @param type     its declared type ({@link #columnTypes}, else the driver's type name)
     * @throws io.rowsweep.core.RowSweepException (configuration) when values of the type cannot be ordered and
     *                                            named exactly, saying so in one line
     */
    default KeyType keyType(String column, int jdbcType, ColumnType type) {
        return KeyType.of(type.declared(), null, "CAST(? AS " + type.declared() + ")")
                .shownAs(type.base() != null && type.base().toLowerCase(Locale.ROOT).matches("(small|big|tiny)?int(eger)?|numeric|decimal")
                        ? KeyType.NUMBER : KeyType.TEXT);
    }

    /** A clause selecting one row at an offset given by a placeholder, appended after ORDER BY. */
    default String limitOneAtOffset() {
        return "LIMIT 1 OFFSET ?";
    }

    /** The clause that locks the selected rows for the rest of the transaction. */
    default String forUpdate() {
        return "FOR UPDATE";
    }

    /**
     * The clause that locks the selected rows for the rest of the transaction, or fails the
     * statement at once ({@link #isLockConflict}) when another transaction holds one of them.
     * PostgreSQL, MariaDB 10.3+, MySQL 8 and H2 spell it {@code FOR UPDATE NOWAIT}.
     */
    default String forUpdateNoWait() {
        return forUpdate() + " NOWAIT";
    }

    /**
     * Makes a statement stream its result in bounded memory. The connection is already in a
     * transaction (autocommit off) and the statement is forward-only and read-only.
     */
    void configureStreaming(Statement statement, int fetchSize) throws SQLException;

    /**
     * Changes how many rows the next fetches of a streaming result bring (its rows turned wider or
     * narrower), for a driver that can; others keep what {@link #configureStreaming} set.
     */
    default void changeFetchSize(java.sql.ResultSet streaming, int fetchSize) throws SQLException {
        streaming.setFetchSize(fetchSize);
    }

    /**
     * Prepares the current transaction for an unordered scan of a chunk's key range, reading
     * every row of the range; {@link #afterRangeScan} undoes it. PostgreSQL reads such a range
     * markedly faster with a bitmap heap scan (heap pages in order) than with a plain index scan.
     */
    default void beforeRangeScan(Connection connection) throws SQLException {
    }

    /** Undoes {@link #beforeRangeScan}, so later statements of the transaction plan as usual. */
    default void afterRangeScan(Connection connection) throws SQLException {
    }

    /**
     * Whether a SQL error is worth retrying the chunk on a new connection: connection lost,
     * serialization failure, deadlock, lock timeout, server shutting down or restarting.
     */
    boolean isTransient(SQLException error);

    /**
     * Whether an error says a row was locked by another transaction: a {@link #forUpdateNoWait}
     * statement that met a lock, or a lock wait that timed out. The default knows none; such an
     * error is then handled as any {@link #isTransient} one.
     */
    default boolean isLockConflict(SQLException error) {
        return false;
    }

    /** Makes the current transaction wait at most {@code timeout} for a row lock. */
    void applyLockTimeout(Connection connection, Duration timeout) throws SQLException;

    /**
     * Makes the current transaction's next statements wait for no row lock, or as short a wait as
     * the database allows: a statement that meets a row another transaction holds fails at once
     * with a lock conflict ({@link #isLockConflict}), until {@link #applyLockTimeout}. Lets a
     * set-based UPDATE take its rows' locks itself rather than after a separate locking pass.
     *
     * @return false when the database cannot keep the wait short (nothing changed): rowsweep then
     *         locks the rows up front with {@link #forUpdateNoWait}. False by default.
     */
    default boolean applyNoLockWait(Connection connection) throws SQLException {
        return false;
    }

    /**
     * Gives the session back the lock wait it had before {@link #applyLockTimeout} or
     * {@link #applyNoLockWait} changed it, where those change the session rather than the
     * transaction: called before a worker's connection goes back to its pool, so that the pool's
     * next borrower (the application, when rowsweep runs on its pool) does not inherit rowsweep's.
     * Nothing to do by default.
     */
    default void restoreSession(Connection connection) throws SQLException {
    }

    /** The connection's current schema (MySQL/MariaDB: database). */
    String currentNamespace(Connection connection) throws SQLException;

    /** Catalog argument for {@link DatabaseMetaData} lookups in {@code namespace}. */
    String metadataCatalog(String namespace);

    /** Schema argument for {@link DatabaseMetaData} lookups in {@code namespace}. */
    String metadataSchema(String namespace);

    /** A cheap estimate of the table's row count (statistics), or empty if the database keeps none. */
    OptionalLong estimateRows(Connection connection, String namespace, String table) throws SQLException;

    /**
     * The primary key's columns in key order, empty if the table has none; or null to have them
     * read from JDBC metadata (the default). A dialect overrides this where the driver's metadata
     * query is slow.
     */
    default List<String> primaryKey(Connection connection, String namespace, String table) throws SQLException {
        return null;
    }

    /**
     * How many more connections the server would accept now (its maximum, less those reserved
     * for administrators, less those open), or empty where it cannot tell. A run keeps its
     * workers within it, leaving the {@code connection-headroom} to the application.
     */
    default OptionalInt freeConnections(Connection connection) throws SQLException {
        return OptionalInt.empty();
    }

    /**
     * Why this server takes writes from no one now (a hot standby, a replica set read-only), or
     * null when it may: rowsweep then keeps a validation's job state elsewhere, even where this
     * user could write (a replica's administrator), so as not to write to a replica. Null by default.
     */
    default String readOnlyServer(Connection connection) throws SQLException {
        return null;
    }

    /**
     * The database's identity of a table, which changes when the table is dropped and created
     * again under the same name (PostgreSQL: its OID); null where the database has none. A job
     * records it and refuses to resume over another table of the same name.
     */
    default String tableIdentity(Connection connection, String namespace, String table) throws SQLException {
        return null;
    }

    /**
     * A physical row locator usable to split a table that has no key (PostgreSQL's {@code ctid}),
     * or null when the database has none.
     */
    default RowLocator rowLocator() {
        return null;
    }

    /** A physical row address that can be range-scanned by pages. */
    interface RowLocator {
        /** The locator column as written in SQL, e.g. {@code ctid}. */
        String column();

        /** The placeholder binding one locator value, e.g. {@code ?::tid}. */
        String placeholder();

        /** The locator value of the last possible row on {@code page}. */
        String lastOnPage(long page);

        /** The number of pages the table has now. */
        long pages(Connection connection, String namespace, String table) throws SQLException;
    }
}
