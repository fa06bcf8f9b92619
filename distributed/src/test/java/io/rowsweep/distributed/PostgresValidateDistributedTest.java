package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class PostgresValidateDistributedTest extends ValidateDistributedContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
