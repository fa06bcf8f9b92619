package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbOracleTest extends OracleContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
