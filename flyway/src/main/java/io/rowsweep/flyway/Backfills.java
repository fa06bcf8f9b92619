package io.rowsweep.flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.distributed.Worker;
import io.rowsweep.distributed.WorkerSummary;
import org.flywaydb.core.api.migration.Context;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a later Flyway migration calls before it relies on a backfill that an earlier one queued
 * ({@link QueueBackfill}):
 *
 * <pre>{@code
 * public class V4__Total_not_null extends BaseJavaMigration {
 *     public void migrate(Context context) throws Exception {
 *         Backfills.ensureFinished(context, "orders-total");
 *         try (Statement s = context.getConnection().createStatement()) {
 *             s.execute("ALTER TABLE orders ALTER COLUMN total SET NOT NULL");
 *         }
 *     }
 * }
 * }</pre>
 */
public final class Backfills {

    /** Workers {@link #ensureFinished(Context, String)} runs the remaining chunks with. */
    public static final int DEFAULT_WORKERS = 2;

    private Backfills() {
    }

    /** As {@link #ensureFinished(Context, String, int)} with {@value #DEFAULT_WORKERS} workers. */
    public static WorkerSummary ensureFinished(Context context, String job) {
        return ensureFinished(context, job, DEFAULT_WORKERS);
    }

    /**
     * Returns at once when the job completed; otherwise runs its remaining chunks here, on
     * {@code workers} connections of Flyway's data source, pooled (workers + 3; besides the migration's, which it
     * leaves alone: call this before the migration's own statements), the same exactly-once chunks
     * as any other worker, and returns when it completed. Chunks held by a worker that died are
     * taken over after four of the run's heartbeat intervals (default 5 s: 20 s).
     *
     * @throws RowSweepException when there is no such job, or it failed or was stopped: the migration fails, saying why
     */
    public static WorkerSummary ensureFinished(Context context, String job, int workers) {
        Connection c = context.getConnection();
        // A pool over Flyway's data source, which may open a new connection each time (a url given to Flyway):
        // the workers keep theirs, and the latency guard times commits, not connecting.
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource(context));
        config.setMaximumPoolSize(workers + 3);
        config.setMinimumIdle(0);
        config.setPoolName("rowsweep-flyway");
        String schema;
        try {
            // In the migration's schema, as the job was queued: Flyway's data source may open connections elsewhere.
            schema = currentSchema(c);
            if (c.getSchema() != null) {
                config.setSchema(c.getSchema());
            }
            if (c.getCatalog() != null) {
                config.setCatalog(c.getCatalog());
            }
        } catch (SQLException e) {
            throw RowSweepException.configuration("Reading the schema of Flyway's connection failed: " + e.getMessage());
        }
        try (HikariDataSource pool = new HikariDataSource(config)) {
            return Worker.join(pool).job(job).workers(workers).stateSchema(schema).ensureFinished();
        }
    }

    static DataSource dataSource(Context context) {
        DataSource ds = context.getConfiguration().getDataSource();
        if (ds == null) {
            throw RowSweepException.configuration("Flyway has no data source, and rowsweep needs one besides the migration's"
                    + " connection (to create its job tables, and for ensureFinished's workers). Configure Flyway with"
                    + " dataSource(...) or a url.");
        }
        return ds;
    }

    /** The schema (MySQL/MariaDB: database) of the migration's connection: Flyway's default schema during migrations. */
    static String currentSchema(Connection c) throws SQLException {
        String schema = c.getSchema();
        return schema != null ? schema : c.getCatalog();
    }
}
