package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class MySqlDriverBoundedMemoryTest extends BoundedMemoryContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL_DRIVER;
    }
}
