package io.rowsweep.update.internal;

import io.rowsweep.core.internal.dialect.MariaDbDialect;
import io.rowsweep.core.internal.dialect.PostgresDialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateSqlTest {

    private final UpdateSql pg = new UpdateSql(new PostgresDialect(), "billing", "invoices", List.of("id"));
    private final UpdateSql maria = new UpdateSql(new MariaDbDialect(), null, "order lines", List.of("order", "li`ne"));

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
                .isEqualTo("UPDATE `order lines` SET `qty` = ?, `no``te` = ? WHERE `order` = ? AND `li``ne` = ?");
        assertThat(maria.deleteByKey()).isEqualTo("DELETE FROM `order lines` WHERE `order` = ? AND `li``ne` = ?");
    }
}
