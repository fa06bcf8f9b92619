package io.rowsweep.demo;

import io.rowsweep.testkit.DatabaseKind;

class H2SeedSchemaTest extends SeedSchemaContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
