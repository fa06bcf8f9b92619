package io.rowsweep.core.internal.plan;

import io.rowsweep.core.internal.dialect.H2Dialect;
import io.rowsweep.core.internal.dialect.MariaDbDialect;
import io.rowsweep.core.internal.dialect.PostgresDialect;
import io.rowsweep.core.internal.schema.Column;
import io.rowsweep.core.internal.schema.Key;
import io.rowsweep.core.internal.schema.KeyKind;
import io.rowsweep.core.spi.Dialect;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkSqlTest {

    private static Key key(Dialect d, String... names) {
        List<Column> cols = java.util.Arrays.stream(names).map(n -> new Column(n, Types.BIGINT, "bigint", false, 19)).collect(Collectors.toList());
        return new Key(KeyKind.PRIMARY_KEY, cols, java.util.Arrays.stream(names).map(d::quote).collect(Collectors.toList()),
                java.util.Arrays.stream(names).map(n -> "?").collect(Collectors.toList()), null);
    }

    @Test
    void postgresSingleColumnBoundaryWalk() {
        Dialect d = new PostgresDialect();
        ChunkSql sql = new ChunkSql(d, "app", "posts", key(d, "id"));
        assertThat(sql.boundary(false).sql()).isEqualTo("SELECT \"id\" FROM \"app\".\"posts\" ORDER BY \"id\" LIMIT 1 OFFSET ?");
        assertThat(sql.boundary(true).sql()).isEqualTo("SELECT \"id\" FROM \"app\".\"posts\" WHERE \"id\" > ? ORDER BY \"id\" LIMIT 1 OFFSET ?");
    }

    @Test
    void postgresCompositeKeyUsesRowValues() {
        Dialect d = new PostgresDialect();
        ChunkSql sql = new ChunkSql(d, null, "line_items", key(d, "order_id", "line_no"));
        assertThat(sql.range(true, true).sql())
                .isEqualTo("(\"order_id\", \"line_no\") > (?, ?) AND (\"order_id\", \"line_no\") <= (?, ?)");
        assertThat(sql.range(false, false).sql()).isEqualTo("1=1");
        assertThat(sql.range(true, false).keyParameterCount()).isEqualTo(2);
    }

    @Test
    void mariaDbCompositeKeyUsesExpandedFormLedByARangeOnTheFirstColumn() {
        Dialect d = new MariaDbDialect();
        ChunkSql sql = new ChunkSql(d, null, "line_items", key(d, "a", "b", "c"));
        assertThat(sql.range(true, false).sql())
                .isEqualTo("(`a` >= ? AND (`a` > ? OR (`b` >= ? AND (`b` > ? OR (`c` > ?)))))");
        assertThat(sql.range(false, true).sql())
                .isEqualTo("(`a` <= ? AND (`a` < ? OR (`b` <= ? AND (`b` < ? OR (`c` <= ?)))))");
        assertThat(d.keyAfter(List.of("`a`", "`b`", "`c`"), List.of("?", "?", "?")).components()).containsExactly(0, 0, 1, 1, 2);
    }

    @Test
    void mariaDbSingleColumnStaysPlain() {
        Dialect d = new MariaDbDialect();
        ChunkSql sql = new ChunkSql(d, "shop", "invoices", key(d, "id"));
        assertThat(sql.range(true, true).sql()).isEqualTo("`id` > ? AND `id` <= ?");
        assertThat(sql.table()).isEqualTo("`shop`.`invoices`");
    }

    @Test
    void selectAddsFilterOrderAndLock() {
        Dialect d = new H2Dialect();
        ChunkSql sql = new ChunkSql(d, null, "t", key(d, "id"));
        assertThat(sql.select(List.of("\"a\"", "\"b\""), true, false, "a > 1", true, true).sql())
                .isEqualTo("SELECT \"id\", \"a\", \"b\" FROM \"t\" WHERE \"id\" > ? AND (a > 1) ORDER BY \"id\" FOR UPDATE");
        assertThat(sql.select(List.of(), false, true, null, false, false).sql())
                .isEqualTo("SELECT \"id\" FROM \"t\" WHERE \"id\" <= ?");
    }

    @Test
    void identifiersWithQuotesAndSemicolonsAreQuotedNotConcatenated() {
        assertThat(new PostgresDialect().quote("we\"ird; DROP TABLE x")).isEqualTo("\"we\"\"ird; DROP TABLE x\"");
        assertThat(new MariaDbDialect().quote("we`ird")).isEqualTo("`we``ird`");
    }
}
