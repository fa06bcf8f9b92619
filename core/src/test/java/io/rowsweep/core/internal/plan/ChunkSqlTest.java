package io.rowsweep.core.internal.plan;

import io.rowsweep.core.internal.dialect.H2Dialect;
import io.rowsweep.core.internal.dialect.MariaDbDialect;
import io.rowsweep.core.internal.dialect.PostgresDialect;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.spi.schema.KeyKind;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkSqlTest {

    /** A key of bigint columns, typed as each dialect names bigint. */
    private static Key key(Dialect d, String... names) {
        String base = d instanceof PostgresDialect ? "int8" : "bigint";
        List<Column> cols = java.util.Arrays.stream(names).map(n -> new Column(n, Types.BIGINT, "bigint", false, 19, "bigint", base))
                .collect(Collectors.toList());
        return TableResolver.key(d, KeyKind.PRIMARY_KEY, cols, null);
    }

    private static Key typed(Dialect d, String name, String declared, String base) {
        return TableResolver.key(d, KeyKind.PRIMARY_KEY, List.of(new Column(name, Types.OTHER, declared, false, 0, declared, base)), null);
    }

    @Test
    void postgresSingleColumnBoundaryWalk() {
        Dialect d = new PostgresDialect();
        ChunkSql sql = new ChunkSql(d, "app", "posts", key(d, "id"));
        assertThat(sql.boundary(false).sql()).isEqualTo("SELECT \"id\" AS \"rowsweep_key_1\" FROM \"app\".\"posts\" ORDER BY \"id\" LIMIT 1 OFFSET ?");
        assertThat(sql.boundary(true).sql()).isEqualTo("SELECT \"id\" AS \"rowsweep_key_1\" FROM \"app\".\"posts\" WHERE \"id\" OPERATOR(pg_catalog.>) CAST(? AS bigint) ORDER BY \"id\" LIMIT 1 OFFSET ?");
    }

    @Test
    void postgresCompositeKeyUsesRowValues() {
        Dialect d = new PostgresDialect();
        ChunkSql sql = new ChunkSql(d, null, "line_items", key(d, "order_id", "line_no"));
        assertThat(sql.range(true, true).sql())
                .isEqualTo("(\"order_id\", \"line_no\") OPERATOR(pg_catalog.>) (CAST(? AS bigint), CAST(? AS bigint))"
                        + " AND (\"order_id\", \"line_no\") OPERATOR(pg_catalog.<=) (CAST(? AS bigint), CAST(? AS bigint))");
        assertThat(sql.range(false, false).sql()).isEqualTo("1=1");
        assertThat(sql.range(true, false).keyParameterCount()).isEqualTo(2);
    }

    @Test
    void mariaDbCompositeKeyUsesExpandedFormLedByARangeOnTheFirstColumn() {
        Dialect d = new MariaDbDialect();
        ChunkSql sql = new ChunkSql(d, null, "line_items", key(d, "a", "b", "c"));
        assertThat(sql.range(true, false).sql())
                .isEqualTo("(`a` >= CAST(? AS SIGNED) AND (`a` > CAST(? AS SIGNED) OR (`b` >= CAST(? AS SIGNED) AND (`b` > CAST(? AS SIGNED)"
                        + " OR (`c` > CAST(? AS SIGNED))))))");
        assertThat(sql.range(false, true).sql())
                .isEqualTo("(`a` <= CAST(? AS SIGNED) AND (`a` < CAST(? AS SIGNED) OR (`b` <= CAST(? AS SIGNED) AND (`b` < CAST(? AS SIGNED)"
                        + " OR (`c` <= CAST(? AS SIGNED))))))");
        assertThat(d.keyAfter(List.of("`a`", "`b`", "`c`"), key(d, "a", "b", "c").types()).components()).containsExactly(0, 0, 1, 1, 2);
    }

    @Test
    void mariaDbSingleColumnStaysPlain() {
        Dialect d = new MariaDbDialect();
        ChunkSql sql = new ChunkSql(d, "shop", "invoices", key(d, "id"));
        assertThat(sql.range(true, true).sql()).isEqualTo("`id` > CAST(? AS SIGNED) AND `id` <= CAST(? AS SIGNED)");
        assertThat(sql.table()).isEqualTo("`shop`.`invoices`");
    }

    @Test
    void selectAddsFilterOrderAndLock() {
        Dialect d = new H2Dialect();
        ChunkSql sql = new ChunkSql(d, null, "t", key(d, "id"));
        assertThat(sql.select(List.of("\"a\"", "\"b\""), true, false, "a > 1", true, true).sql())
                .isEqualTo("SELECT \"id\", \"a\", \"b\" FROM \"t\" WHERE \"id\" > CAST(? AS bigint) AND (a > 1) ORDER BY \"id\" FOR UPDATE");
        assertThat(sql.select(List.of(), false, true, null, false, false).sql())
                .isEqualTo("SELECT \"id\" FROM \"t\" WHERE \"id\" <= CAST(? AS bigint)");
    }

    @Test
    void lockTakesTheRowsTheChunkWritesInKeyOrderWithoutWaiting() {
        Dialect h2 = new H2Dialect();
        assertThat(new ChunkSql(h2, null, "t", key(h2, "id")).lock(true, true, "a > 1").sql())
                .isEqualTo("SELECT \"id\" FROM \"t\" WHERE \"id\" > CAST(? AS bigint) AND \"id\" <= CAST(? AS bigint) AND (a > 1)"
                        + " ORDER BY \"id\" FOR UPDATE NOWAIT");
        Dialect maria = new MariaDbDialect();
        assertThat(new ChunkSql(maria, "db", "t", key(maria, "a", "b")).lock(false, true, null).sql())
                .isEqualTo("SELECT `a`, `b` FROM `db`.`t` WHERE (`a` <= CAST(? AS SIGNED) AND (`a` < CAST(? AS SIGNED) OR (`b` <= CAST(? AS SIGNED))))"
                        + " ORDER BY `a`, `b` FOR UPDATE NOWAIT");
    }

    @Test
    void postgresKeysAreReadAsTextAndBoundWithACastToTheirDeclaredType() {
        Dialect d = new PostgresDialect();
        ChunkSql sql = new ChunkSql(d, null, "users", typed(d, "email", "citext", "citext"));
        assertThat(sql.boundary(true).sql())
                .isEqualTo("SELECT \"email\"::text AS \"rowsweep_key_1\" FROM \"users\" WHERE \"email\" OPERATOR(pg_catalog.>) CAST(? AS citext)"
                        + " ORDER BY \"email\" LIMIT 1 OFFSET ?");
        // The text is added after the other columns, where the key does not read as itself.
        assertThat(sql.select(List.of("\"n\""), true, true, null, false, false).sql())
                .isEqualTo("SELECT \"email\", \"n\", \"email\"::text AS \"rowsweep_key_1\" FROM \"users\" WHERE \"email\" OPERATOR(pg_catalog.>)"
                        + " CAST(? AS citext) AND \"email\" OPERATOR(pg_catalog.<=) CAST(? AS citext)");
        assertThat(sql.key().textIndexes(1)).containsExactly(3);
        // An extension's type compares with its own operators, in their schema, and a mixed key falls back to the expanded form.
        Column citext = new Column("email", Types.OTHER, "citext", false, 0, "ext.citext", "citext", "ext");
        Column id = new Column("id", Types.BIGINT, "int8", false, 19, "bigint", "int8");
        Key mixed = TableResolver.key(d, KeyKind.PRIMARY_KEY, List.of(citext, id), null);
        assertThat(new ChunkSql(d, null, "users", mixed).range(true, false).sql())
                .isEqualTo("(\"email\" OPERATOR(ext.>=) CAST(? AS ext.citext) AND (\"email\" OPERATOR(ext.>) CAST(? AS ext.citext)"
                        + " OR (\"id\" OPERATOR(pg_catalog.>) CAST(? AS bigint))))");
        assertThat(mixed.equalsBound()).isEqualTo("\"email\" OPERATOR(ext.=) CAST(? AS ext.citext) AND \"id\" OPERATOR(pg_catalog.=) CAST(? AS bigint)");
        Key tstz = typed(d, "at", "timestamp with time zone", "timestamptz");
        assertThat(tstz.placeholders()).containsExactly("CAST(? AS timestamp with time zone)");
        assertThat(tstz.display(new String[] {"2026-10-25 02:30:00.5+01"})).containsExactly("2026-10-25T02:30:00.5+01:00");
        assertThat(tstz.display(new String[] {"1900-01-01 00:00:00+00:53:28"})).containsExactly("1900-01-01T00:00:00+00:53:28");
        assertThat(tstz.display(new String[] {"infinity"})).containsExactly("infinity");
        assertThat(typed(d, "kind", "app.mood", "enum").placeholders()).containsExactly("CAST(? AS app.mood)");
        assertThat(key(d, "id").textIndexes(5)).containsExactly(1);
    }

    @Test
    void mariaDbReadsEnumsByNumberAndBinaryAsHex() {
        Dialect d = new MariaDbDialect();
        Key e = typed(d, "size", "enum('small','it''s big')", "enum");
        assertThat(e.reads()).containsExactly("CAST(`size` + 0 AS CHAR)");
        assertThat(e.placeholders()).containsExactly("CAST(? AS UNSIGNED)");
        assertThat(e.display(new String[] {"2"})).containsExactly("it's big");
        Key b = typed(d, "hash", "binary(4)", "binary");
        assertThat(b.reads()).containsExactly("HEX(`hash`)");
        assertThat(b.display(new String[] {"0A00"})).containsExactly("0x0A00");
        assertThat(typed(d, "at", "datetime(6)", "datetime").placeholders()).containsExactly("CAST(? AS DATETIME(6))");
        assertThat(typed(d, "d", "decimal(30,10) unsigned", "decimal").placeholders()).containsExactly("CAST(? AS DECIMAL(30,10))");
        assertThat(typed(d, "n", "bigint(20) unsigned", "bigint").placeholders()).containsExactly("CAST(? AS UNSIGNED)");
        assertThat(typed(d, "s", "set('a','b','c')", "set").display(new String[] {"5"})).containsExactly("a,c");
        assertThatThrownBy(() -> typed(d, "shape", "point", "point")).hasMessageContaining("Key column 'shape' has type point");
    }

    @Test
    void identifiersWithQuotesAndSemicolonsAreQuotedNotConcatenated() {
        assertThat(new PostgresDialect().quote("we\"ird; DROP TABLE x")).isEqualTo("\"we\"\"ird; DROP TABLE x\"");
        assertThat(new MariaDbDialect().quote("we`ird")).isEqualTo("`we``ird`");
    }
}
