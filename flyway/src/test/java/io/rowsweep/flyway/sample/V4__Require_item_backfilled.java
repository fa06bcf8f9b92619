package io.rowsweep.flyway.sample;

import io.rowsweep.flyway.Backfills;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/** Relies on the backfill: makes sure it finished, then adds NOT NULL. */
public class V4__Require_item_backfilled extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Backfills.ensureFinished(context, V2__Queue_item_backfill.JOB);
        try (Statement s = context.getConnection().createStatement()) {
            s.execute(Dialect.of(context).equals("PostgreSQL") ? "ALTER TABLE item ALTER COLUMN backfilled SET NOT NULL"
                    : "ALTER TABLE item MODIFY backfilled INT NOT NULL");
        }
    }
}
