package io.rowsweep.core.engine;

import io.rowsweep.testkit.ReplicaPair;

class PostgresThrottleTest extends ThrottleContractTest {
    @Override
    ReplicaPair startPair() {
        return ReplicaPair.postgres();
    }
}
