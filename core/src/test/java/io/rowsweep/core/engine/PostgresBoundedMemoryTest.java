package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class PostgresBoundedMemoryTest extends BoundedMemoryContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
