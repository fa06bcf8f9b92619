package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class MySqlDriverEngineTest extends EngineContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL_DRIVER;
    }
}
