package io.rowsweep.liquibase;

import io.rowsweep.testkit.DatabaseKind;

class PostgresLiquibaseBackfillTest extends LiquibaseBackfillContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    /** 2,000,000 by default; {@code -Drowsweep.liquibase.rows=N} for a quicker run. */
    @Override
    long rows() {
        return Long.getLong("rowsweep.liquibase.rows", 2_000_000);
    }
}
