package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbCommitFaultTest extends CommitFaultContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
