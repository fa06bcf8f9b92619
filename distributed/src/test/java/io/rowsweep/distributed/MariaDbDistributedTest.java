package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbDistributedTest extends DistributedContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
