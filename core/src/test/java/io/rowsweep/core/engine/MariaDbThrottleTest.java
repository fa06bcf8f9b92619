package io.rowsweep.core.engine;

import io.rowsweep.testkit.ReplicaPair;

class MariaDbThrottleTest extends ThrottleContractTest {
    @Override
    ReplicaPair startPair() {
        return ReplicaPair.mariadb();
    }
}
