package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbQueueTest extends QueueContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
