package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbEngineTest extends EngineContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
