package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbWideRowsTest extends WideRowsContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    String textType() {
        return "LONGTEXT";
    }
}
