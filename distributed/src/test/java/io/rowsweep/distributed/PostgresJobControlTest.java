package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class PostgresJobControlTest extends JobControlContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
