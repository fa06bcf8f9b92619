package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class H2UpdateTest extends UpdateContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
