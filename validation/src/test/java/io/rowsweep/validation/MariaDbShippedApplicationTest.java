package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbShippedApplicationTest extends ShippedApplicationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
