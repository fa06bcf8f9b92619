package io.rowsweep.flyway.sample;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/** Anything: a migration between the one that queues and the one that relies on the backfill. */
public class V3__Add_note_table extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("CREATE TABLE item_note (id BIGINT PRIMARY KEY, note VARCHAR(100))");
        }
    }
}
