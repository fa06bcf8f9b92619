package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class H2EngineTest extends EngineContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
