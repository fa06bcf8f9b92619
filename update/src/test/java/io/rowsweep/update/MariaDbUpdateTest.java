package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbUpdateTest extends UpdateContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
