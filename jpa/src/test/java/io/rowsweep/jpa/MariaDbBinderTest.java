package io.rowsweep.jpa;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbBinderTest extends BinderContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
