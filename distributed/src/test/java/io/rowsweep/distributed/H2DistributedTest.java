package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class H2DistributedTest extends DistributedContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
