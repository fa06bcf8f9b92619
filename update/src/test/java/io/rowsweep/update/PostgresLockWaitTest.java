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
        // waitstart is null for a moment after a wait began.
        return "SELECT a.pid, b.pid, coalesce(extract(epoch FROM clock_timestamp() - l.waitstart) * 1000, 0)"
                + " FROM pg_stat_activity a CROSS JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS b(pid)"
                + " LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted WHERE a.wait_event_type = 'Lock'";
    }

    /** A set-based UPDATE's lock_timeout is 1 ms (PostgreSQL has no NOWAIT for it); a chunk holds its rows about 200 ms. */
    @Override
    double allowedWaitMillis() {
        return 100;
    }
}
