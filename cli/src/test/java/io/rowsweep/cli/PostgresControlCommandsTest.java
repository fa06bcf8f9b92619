package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class PostgresControlCommandsTest extends ControlCommandsContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
