package io.rowsweep.junit;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbValidRowsTest extends ValidRowsContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
