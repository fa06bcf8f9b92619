package io.rowsweep.demo;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbSeedSchemaTest extends SeedSchemaContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
