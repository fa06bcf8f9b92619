package io.rowsweep.jpa;

import io.rowsweep.testkit.DatabaseKind;

class PostgresBinderTest extends BinderContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
