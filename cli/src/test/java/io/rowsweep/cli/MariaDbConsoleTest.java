package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbConsoleTest extends ConsoleContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }
}
