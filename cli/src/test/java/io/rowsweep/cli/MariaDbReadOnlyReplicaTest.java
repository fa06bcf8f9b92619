package io.rowsweep.cli;

import io.rowsweep.testkit.ReplicaPair;

/**
 * A real MariaDB replica that the test starts, set {@code read_only} as replicas are, validated
 * as root: root could still write there, and rowsweep must not (it would set the replica apart).
 */
class MariaDbReadOnlyReplicaTest extends ReadOnlyTargetContractTest {

    @Override
    Target openTarget() {
        return replica(ReplicaPair.mariadb(), n -> "(SELECT seq AS i FROM seq_1_to_" + n + ") g", "test",
                "SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'test' AND INDEX_NAME = 'posts_slug'"
                        + " AND SEQ_IN_INDEX = 1", "SET GLOBAL read_only = 1");
    }
}
