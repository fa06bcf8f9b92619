package io.rowsweep.cli;

import io.rowsweep.testkit.ReplicaPair;

/**
 * A real PostgreSQL hot standby that the test starts (initdb, pg_basebackup, a second
 * postmaster), validated as its superuser: every transaction there is read-only.
 */
class PostgresHotStandbyTest extends ReadOnlyTargetContractTest {

    @Override
    Target openTarget() {
        return replica(ReplicaPair.postgres(), n -> "generate_series(1, " + n + ") AS g(i)", "public",
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'posts_slug'");
    }
}
