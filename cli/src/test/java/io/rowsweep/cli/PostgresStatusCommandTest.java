package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class PostgresStatusCommandTest extends StatusCommandContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
