package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class H2ControlCommandsTest extends ControlCommandsContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
