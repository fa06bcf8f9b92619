package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class PostgresValidationTest extends ValidationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
