package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class PostgresShippedApplicationTest extends ShippedApplicationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }
}
