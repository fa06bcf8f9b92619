package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbCliProcessFaultTest extends CliProcessFaultContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    String slowWhere() {
        return "n >= 0 AND SLEEP(0.0005) = 0";
    }
}
