package io.rowsweep.core.engine;

import io.rowsweep.testkit.ReplicaPair;

class MariaDbThrottleTest extends ThrottleContractTest {
    @Override
    ReplicaPair startPair(boolean linked) {
        return linked ? ReplicaPair.mariadb(0) : ReplicaPair.mariadb(); // a link: not limited until the test limits it
    }

    @Override
    long slowLinkBytesPerSecond() {
        return 1_000_000; // flat out, about 3 MB/s of binary log in row format here
    }
}
