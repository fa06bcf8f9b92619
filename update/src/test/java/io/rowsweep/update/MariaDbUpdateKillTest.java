package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbUpdateKillTest extends UpdateKillContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    String slowWhere() {
        return "counter >= 0 AND SLEEP(0.00005) = 0";
    }
}
