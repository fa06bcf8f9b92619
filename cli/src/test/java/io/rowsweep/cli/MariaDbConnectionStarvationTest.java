package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbConnectionStarvationTest extends ConnectionStarvationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    String maxConnectionsSetting() {
        return "max-connections";
    }

    @Override
    String series(int n) {
        return "(SELECT seq AS i FROM seq_1_to_" + n + ") g";
    }
}
