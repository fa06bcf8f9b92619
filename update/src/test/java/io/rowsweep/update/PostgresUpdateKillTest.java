package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class PostgresUpdateKillTest extends UpdateKillContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    String slowWhere() {
        return "counter >= 0 AND (SELECT true FROM pg_sleep(0.005))";
    }
}
