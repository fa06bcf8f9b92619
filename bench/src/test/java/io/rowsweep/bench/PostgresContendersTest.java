package io.rowsweep.bench;

import io.rowsweep.testkit.DatabaseKind;

class PostgresContendersTest extends ContendersContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
