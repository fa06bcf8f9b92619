package io.rowsweep.core.internal.dialect;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientErrorTest {

    @Test
    void postgresRetriesConnectionLossDeadlocksLockTimeoutsAndShutdowns() {
        PostgresDialect d = new PostgresDialect();
        assertThat(d.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(d.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(d.isTransient(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(d.isTransient(new SQLException("canceling statement due to lock timeout", "55P03"))).isTrue();
        assertThat(d.isTransient(new SQLException("An I/O error occurred", "08006"))).isTrue();
        assertThat(d.isTransient(new SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(d.isTransient(new SQLException("column \"x\" does not exist", "42703"))).isFalse();
        assertThat(d.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
    }

    @Test
    void mysqlFamilyRetriesByVendorCode() {
        MariaDbDialect d = new MariaDbDialect();
        assertThat(d.isTransient(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(d.isTransient(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(d.isTransient(new SQLException("Connection was killed", "70100", 1927))).isTrue();
        assertThat(d.isTransient(new SQLNonTransientConnectionException("socket closed"))).isTrue();
        assertThat(d.isTransient(new SQLException("Unknown column", "42S22", 1054))).isFalse();
    }

    @Test
    void lockConflictsAreTheLockNotGrantedErrorsOfEachDatabaseAndNothingElse() {
        PostgresDialect pg = new PostgresDialect();
        assertThat(pg.isLockConflict(new SQLException("could not obtain lock on row in relation \"t\"", "55P03"))).isTrue();
        assertThat(pg.isLockConflict(new SQLException("wrapped", "XX000", new SQLException("lock not available", "55P03")))).isTrue();
        assertThat(pg.isLockConflict(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(pg.isLockConflict(new SQLException("An I/O error occurred", "08006"))).isFalse();
        MariaDbDialect maria = new MariaDbDialect();
        assertThat(maria.isLockConflict(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(maria.isLockConflict(new SQLException("could not be acquired immediately and NOWAIT is set", "HY000", 3572))).isTrue();
        assertThat(maria.isTransient(new SQLException("could not be acquired immediately and NOWAIT is set", "HY000", 3572))).isTrue();
        assertThat(maria.isLockConflict(new SQLException("Deadlock found", "40001", 1213))).isFalse();
        H2Dialect h2 = new H2Dialect();
        assertThat(h2.isLockConflict(new SQLException("Timeout trying to lock table", "HYT00", 50200))).isTrue();
        assertThat(h2.isLockConflict(new SQLException("Connection is broken", "90067", 90067))).isFalse();
    }
}
