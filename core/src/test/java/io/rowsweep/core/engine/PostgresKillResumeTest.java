package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class PostgresKillResumeTest extends KillResumeContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
