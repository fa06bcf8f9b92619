package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbBoundedMemoryTest extends BoundedMemoryContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
