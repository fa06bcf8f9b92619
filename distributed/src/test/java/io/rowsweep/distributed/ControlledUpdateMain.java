package io.rowsweep.distributed;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * A process that starts a slow, non-idempotent update ({@code n = n + 1} on table {@code counters},
 * 1,000-row chunks, 100 ms between chunks) for tests that pause, resume and cancel it from
 * another process. Arguments: JDBC URL, job name, distributed (true/false), workers. Exits with
 * the run's exit code.
 */
public final class ControlledUpdateMain {

    private ControlledUpdateMain() {
    }

    public static void main(String[] args) {
        int workers = Integer.parseInt(args[3]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(workers + 3);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            UpdateSummary summary = run(pool, args[1], Boolean.parseBoolean(args[2]), workers);
            System.out.println(summary.describe());
            System.exit(summary.exitCode());
        }
    }

    static UpdateSummary run(DataSource pool, String job, boolean distributed, int workers) {
        return Update.of(pool).table("counters").set("n = n + 1").job(job).distributed(distributed).workers(workers)
                .initialChunkRows(1_000).maxChunkRows(1_000).pauseBetweenChunks(Duration.ofMillis(100))
                .heartbeatInterval(Duration.ofSeconds(1)).latencyGuard(LatencyGuard.OFF).run();
    }
}
