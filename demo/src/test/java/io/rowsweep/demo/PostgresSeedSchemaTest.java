package io.rowsweep.demo;

import io.rowsweep.testkit.DatabaseKind;

class PostgresSeedSchemaTest extends SeedSchemaContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
