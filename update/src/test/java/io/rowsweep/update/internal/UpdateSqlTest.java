package io.rowsweep.update.internal;

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

import static org.assertj.core.api.Assertions.assertThat;

class UpdateSqlTest {

    private final UpdateSql pg = new UpdateSql(new PostgresDialect(), "billing", "invoices", key(new PostgresDialect(),
            new Column("id", Types.BIGINT, "int8", false, 19, "bigint", "int8")));
    private final UpdateSql maria = new UpdateSql(new MariaDbDialect(), null, "order lines", key(new MariaDbDialect(),
            new Column("order", Types.INTEGER, "INT", false, 10, "int(11)", "int"),
            new Column("li`ne", Types.TIMESTAMP, "DATETIME", false, 26, "datetime(6)", "datetime")));

    private static Key key(Dialect dialect, Column... columns) {
        return TableResolver.key(dialect, KeyKind.PRIMARY_KEY, List.of(columns), null);
    }

    @Test
    void sqlModeWrapsTheUsersWhereAndAppendsTheChunkRange() {
        assertThat(pg.update("fee = amount * 0.1", "service_fee = 1 OR x = 2", "\"id\" > ? AND \"id\" <= ?"))
                .isEqualTo("UPDATE \"billing\".\"invoices\" SET fee = amount * 0.1 WHERE (service_fee = 1 OR x = 2) AND \"id\" > ? AND \"id\" <= ?");
        assertThat(pg.update("fee = 0", null, "1=1")).isEqualTo("UPDATE \"billing\".\"invoices\" SET fee = 0 WHERE 1=1");
    }

    @Test
    void countsAndChecks() {
        assertThat(pg.countRange("\"id\" > ?")).isEqualTo("SELECT count(*) FROM \"billing\".\"invoices\" WHERE \"id\" > ?");
        assertThat(pg.countMatches("a = 1", "\"id\" > ?"))
                .isEqualTo("SELECT count(*), COALESCE(SUM(CASE WHEN (a = 1) THEN 1 ELSE 0 END), 0) FROM \"billing\".\"invoices\" WHERE \"id\" > ?");
        assertThat(pg.countMatches(null, "1=1")).isEqualTo("SELECT count(*), count(*) FROM \"billing\".\"invoices\" WHERE 1=1");
        assertThat(pg.checkWhere("a = 1 OR b = 2")).isEqualTo("SELECT count(*) FROM \"billing\".\"invoices\" WHERE (a = 1 OR b = 2) AND 1=0");
        assertThat(pg.checkSet("fee = 1")).isEqualTo("UPDATE \"billing\".\"invoices\" SET fee = 1 WHERE 1=0");
    }

    @Test
    void javaModeWritesByKeyWithEveryIdentifierQuoted() {
        assertThat(maria.updateByKey(List.of("qty", "no`te")))
                .isEqualTo("UPDATE `order lines` SET `qty` = ?, `no``te` = ? WHERE `order` = CAST(? AS SIGNED)"
                        + " AND `li``ne` = CAST(? AS DATETIME(6))");
        assertThat(maria.deleteByKey()).isEqualTo("DELETE FROM `order lines` WHERE `order` = CAST(? AS SIGNED) AND `li``ne` = CAST(? AS DATETIME(6))");
        assertThat(pg.deleteByKey()).isEqualTo("DELETE FROM \"billing\".\"invoices\" WHERE \"id\" OPERATOR(pg_catalog.=) CAST(? AS bigint)");
    }
}
