package io.rowsweep.flyway;

import io.rowsweep.testkit.DatabaseKind;

class PostgresFlywayBackfillTest extends FlywayBackfillContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    /** 2,000,000 by default; {@code -Drowsweep.flyway.rows=N} for a quicker run. */
    @Override
    long rows() {
        return Long.getLong("rowsweep.flyway.rows", 2_000_000);
    }
}
