package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class H2StatusCommandTest extends StatusCommandContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
