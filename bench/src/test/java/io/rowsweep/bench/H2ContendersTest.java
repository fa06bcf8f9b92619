package io.rowsweep.bench;

import io.rowsweep.testkit.DatabaseKind;

class H2ContendersTest extends ContendersContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
