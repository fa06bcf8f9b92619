package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;

class PostgresCliProcessFaultTest extends CliProcessFaultContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    String slowWhere() {
        return "n >= 0 AND (SELECT true FROM pg_sleep(0.2))";
    }
}
