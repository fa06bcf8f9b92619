package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class H2ValidateDistributedTest extends ValidateDistributedContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
