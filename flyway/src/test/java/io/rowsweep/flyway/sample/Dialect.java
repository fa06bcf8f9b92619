package io.rowsweep.flyway.sample;

import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;

/** Which database the sample migrates: the few statements that differ between PostgreSQL and MariaDB. */
final class Dialect {

    private Dialect() {
    }

    static String of(Context context) throws SQLException {
        return context.getConnection().getMetaData().getDatabaseProductName();
    }
}
