package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class PostgresUpdateTest extends UpdateContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
