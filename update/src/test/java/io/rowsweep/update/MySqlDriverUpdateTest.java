package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class MySqlDriverUpdateTest extends UpdateContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL_DRIVER;
    }
}
