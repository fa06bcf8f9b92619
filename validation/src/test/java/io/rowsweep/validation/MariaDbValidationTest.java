package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbValidationTest extends ValidationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
