package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

class MariaDbLockWaitTest extends LockWaitContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    String lockWaitsSql() {
        return "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id FROM information_schema.INNODB_LOCK_WAITS w"
                + " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
                + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id";
    }
}
