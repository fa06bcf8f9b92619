package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class PostgresCommitFaultTest extends CommitFaultContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
