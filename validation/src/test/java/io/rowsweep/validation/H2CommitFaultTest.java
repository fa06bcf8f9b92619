package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class H2CommitFaultTest extends CommitFaultContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
