package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class H2JobControlTest extends JobControlContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
