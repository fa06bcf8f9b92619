package io.rowsweep.bench;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbContendersTest extends ContendersContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
