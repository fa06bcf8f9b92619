package io.rowsweep.flyway;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbFlywayBackfillTest extends FlywayBackfillContractTest {

    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    /** Fewer than on PostgreSQL, to keep the module's test time short; {@code -Drowsweep.flyway.mariadb.rows=N} to change it. */
    @Override
    long rows() {
        return Long.getLong("rowsweep.flyway.mariadb.rows", 300_000);
    }
}
