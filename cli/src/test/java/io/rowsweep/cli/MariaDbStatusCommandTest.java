package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbStatusCommandTest extends StatusCommandContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
