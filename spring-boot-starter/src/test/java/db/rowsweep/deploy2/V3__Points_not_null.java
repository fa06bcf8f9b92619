package db.rowsweep.deploy2;

import io.rowsweep.flyway.Backfills;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/** The next deploy: relies on the backfill (done by then, so at once), then makes the column NOT NULL. */
public class V3__Points_not_null extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Backfills.ensureFinished(context, "orders-points");
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("ALTER TABLE orders ALTER COLUMN points SET NOT NULL");
        }
    }
}
