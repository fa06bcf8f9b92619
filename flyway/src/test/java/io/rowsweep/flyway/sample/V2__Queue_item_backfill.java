package io.rowsweep.flyway.sample;

import io.rowsweep.core.LatencyGuard;
import io.rowsweep.flyway.QueueBackfill;
import io.rowsweep.update.Update;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;
import java.time.Duration;

/**
 * Adds a nullable column and queues its backfill with a fix that is not idempotent: run twice on a
 * row, it leaves counter = 2. (backfilled is set first, from the counter before the change, so
 * PostgreSQL and MySQL agree.)
 */
public class V2__Queue_item_backfill extends QueueBackfill {

    public static final String JOB = "item-backfill";

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("ALTER TABLE item ADD COLUMN backfilled INT");
        }
        super.migrate(context);
    }

    @Override
    protected Update backfill(Update update) {
        // The latency guard is off because the test machine is shared: it would pace the backfill against others' work.
        return update.table("item").set("backfilled = counter + 1, counter = counter + 1").job(JOB)
                .heartbeatInterval(Duration.ofSeconds(1)).latencyGuard(LatencyGuard.OFF);
    }
}
