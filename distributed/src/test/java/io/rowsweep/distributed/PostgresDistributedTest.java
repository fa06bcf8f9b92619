package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class PostgresDistributedTest extends DistributedContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
