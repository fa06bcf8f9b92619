package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class PostgresJobCommandsTest extends JobCommandsContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
