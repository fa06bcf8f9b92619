package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbKillResumeTest extends KillResumeContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
