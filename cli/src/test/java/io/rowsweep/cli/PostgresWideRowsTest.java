package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class PostgresWideRowsTest extends WideRowsContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
