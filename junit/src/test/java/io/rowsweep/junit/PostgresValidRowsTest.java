package io.rowsweep.junit;

import io.rowsweep.testkit.DatabaseKind;

class PostgresValidRowsTest extends ValidRowsContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
