package io.rowsweep.core.engine;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestSchema;

class PostgresFaultTest extends FaultContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    String otherSessionsSql(TestSchema db) {
        // The run's connections are the ones whose search_path is this test's schema (set through currentSchema).
        return "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                + " AND backend_type = 'client backend' AND (query LIKE '%counted%' OR query LIKE '%rowsweep_%')";
    }

    @Override
    String killSql(long sessionId) {
        return "SELECT pg_terminate_backend(" + sessionId + ")";
    }
}
