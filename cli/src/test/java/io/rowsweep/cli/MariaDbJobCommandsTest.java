package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbJobCommandsTest extends JobCommandsContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
