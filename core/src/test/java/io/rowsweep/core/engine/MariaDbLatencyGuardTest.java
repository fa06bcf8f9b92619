package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbLatencyGuardTest extends LatencyGuardContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
