package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class PostgresQueueTest extends QueueContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
