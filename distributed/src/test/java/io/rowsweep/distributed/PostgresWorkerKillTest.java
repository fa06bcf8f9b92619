package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class PostgresWorkerKillTest extends WorkerKillContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
