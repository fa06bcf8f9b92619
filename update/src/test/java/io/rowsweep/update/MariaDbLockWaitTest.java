package io.rowsweep.update;

import io.rowsweep.testkit.DatabaseKind;

class MariaDbLockWaitTest extends LockWaitContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    String sessionIdSql() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    String lockWaitsSql() {
        return "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id, TIMESTAMPDIFF(MICROSECOND, r.trx_wait_started, NOW(6)) / 1000"
                + " FROM information_schema.INNODB_LOCK_WAITS w"
                + " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
                + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id";
    }

    /** innodb_lock_wait_timeout = 0 (a set-based UPDATE) and FOR UPDATE NOWAIT (a Java fix) never wait. */
    @Override
    double allowedWaitMillis() {
        return -1;
    }
}
