package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

class PostgresLockWaitTest extends LockWaitContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    @Override
    long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    String lockWaitsSql() {
        return "SELECT a.pid, b.pid FROM pg_stat_activity a CROSS JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS b(pid)"
                + " WHERE a.wait_event_type = 'Lock'";
    }
}
