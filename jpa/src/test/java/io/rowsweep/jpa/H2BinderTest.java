package io.rowsweep.jpa;

import io.rowsweep.testkit.DatabaseKind;

class H2BinderTest extends BinderContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
