package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbControlCommandsTest extends ControlCommandsContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
