package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class PostgresConnectionStarvationTest extends ConnectionStarvationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    String maxConnectionsSetting() {
        return "max_connections";
    }

    @Override
    String series(int n) {
        return "generate_series(1, " + n + ") AS g(i)";
    }
}
