package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbWorkerKillTest extends WorkerKillContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
