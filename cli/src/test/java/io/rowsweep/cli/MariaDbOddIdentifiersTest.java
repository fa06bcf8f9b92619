package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbOddIdentifiersTest extends OddIdentifiersContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
