package io.rowsweep.distributed;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbValidateDistributedTest extends ValidateDistributedContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
