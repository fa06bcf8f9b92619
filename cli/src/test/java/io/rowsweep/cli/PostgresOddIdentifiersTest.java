package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class PostgresOddIdentifiersTest extends OddIdentifiersContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
