package io.rowsweep.flyway;

import io.rowsweep.core.QueuedRun;
import io.rowsweep.update.Update;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A Flyway Java migration that queues a rowsweep update (a backfill) and returns at once: the
 * migration, and so the application's start, never waits for the rows. Workers of the job run it
 * in exactly-once chunks ({@code rowsweep worker --job NAME}, {@code Worker.join(...).run()}), and
 * a later migration that relies on the data calls {@link Backfills#ensureFinished} first.
 *
 * <pre>{@code
 * public class V2__Backfill_total extends QueueBackfill {
 *     @Override
 *     protected Update backfill(Update update) {
 *         return update.table("orders").set("total = net + tax").where("total IS NULL").job("orders-total");
 *     }
 * }
 * }</pre>
 *
 * <p>The job is recorded on the migration's connection, in its transaction: it exists exactly when
 * the migration commits, and if the migration fails and rolls back, nothing was queued (on
 * MySQL/MariaDB a DDL statement commits, so there only what follows the migration's last DDL is
 * rolled back). Workers see it once Flyway commits. A migration that overrides
 * {@link #migrate(Context)} to change the schema first (say, add the column) calls
 * {@code super.migrate(context)} after its statements.
 *
 * <p>Queueing reads no rows but the key's first and last; its time does not grow with the table.
 * The job state's tables ({@code rowsweep_*}) are created if missing, on a connection of Flyway's
 * data source, in the schema of the migration's connection unless {@code stateSchema} is set.
 */
public abstract class QueueBackfill extends BaseJavaMigration {

    /**
     * The update to queue, built on {@code update} (on Flyway's data source): its table, its SQL
     * ({@code set}, {@code where}) or fix class, and its job name (give one: {@code ensureFinished}
     * takes it), plus any engine setting its workers run with (chunk time, heartbeat interval...).
     */
    protected abstract Update backfill(Update update);

    @Override
    public void migrate(Context context) throws Exception {
        Update update = backfill(Update.of(Backfills.dataSource(context)));
        if (update.settings().get(io.rowsweep.core.SweepSettings.STATE_SCHEMA) == null) {
            update = update.stateSchema(Backfills.currentSchema(context.getConnection()));
        }
        QueuedRun queued = update.queue(context.getConnection());
        queued(queued);
    }

    /** Called with what queueing did (queued, resumed, or already done); does nothing by default. */
    protected void queued(QueuedRun run) {
    }
}
