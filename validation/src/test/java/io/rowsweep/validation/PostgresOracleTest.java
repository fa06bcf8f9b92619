package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class PostgresOracleTest extends OracleContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
