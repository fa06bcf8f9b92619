package io.rowsweep.liquibase;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbLiquibaseBackfillTest extends LiquibaseBackfillContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    /** Fewer than on PostgreSQL, to keep the module's test time short; {@code -Drowsweep.liquibase.mariadb.rows=N} to change it. */
    @Override
    long rows() {
        return Long.getLong("rowsweep.liquibase.mariadb.rows", 300_000);
    }
}
