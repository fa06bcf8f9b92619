package db.rowsweep.deploy1;

import io.rowsweep.core.LatencyGuard;
import io.rowsweep.flyway.QueueBackfill;
import io.rowsweep.update.Update;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;
import java.time.Duration;

/** Adds a nullable column and queues its backfill, which is not idempotent ({@code points + 1}): a row done twice shows. */
public class V2__Queue_points_backfill extends QueueBackfill {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("ALTER TABLE orders ADD COLUMN points INT");
        }
        super.migrate(context);
    }

    @Override
    protected Update backfill(Update update) {
        return update.table("orders").set("points = COALESCE(points, 0) + 1").job("orders-points").latencyGuard(LatencyGuard.OFF)
                .heartbeatInterval(Duration.ofMillis(500)).initialChunkRows(1_000).maxChunkRows(2_000);
    }
}
