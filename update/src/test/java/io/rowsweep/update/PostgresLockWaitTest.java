package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class PostgresLockWaitTest extends LockWaitContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    String sessionIdSql() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    String lockWaitsSql() {
        return "SELECT a.pid, b.pid FROM pg_stat_activity a CROSS JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS b(pid)"
                + " WHERE a.wait_event_type = 'Lock'";
    }
}
