package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbJobControlTest extends JobControlContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
