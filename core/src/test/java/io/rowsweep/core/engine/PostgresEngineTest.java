package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class PostgresEngineTest extends EngineContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
