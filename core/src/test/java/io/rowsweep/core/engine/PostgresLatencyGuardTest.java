package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class PostgresLatencyGuardTest extends LatencyGuardContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
