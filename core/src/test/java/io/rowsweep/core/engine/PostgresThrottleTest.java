package io.rowsweep.core.engine;

import io.rowsweep.testkit.ReplicaPair;

class PostgresThrottleTest extends ThrottleContractTest {
    @Override
    ReplicaPair startPair() {
        return ReplicaPair.postgres(0); // the replica behind a link, not limited until a test limits it
    }

    @Override
    long slowLinkBytesPerSecond() {
        return 3_000_000; // flat out, the increments write about 20 MB/s of write-ahead log here
    }
}
