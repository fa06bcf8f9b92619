package io.rowsweep.bench.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.distributed.Worker;
import io.rowsweep.distributed.WorkerSummary;

/** A worker process of the scaling benchmark, as {@code rowsweep worker} runs one. Arguments: JDBC URL, job name, workers. */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    public static void main(String[] args) {
        int workers = Integer.parseInt(args[2]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(workers + 3);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            WorkerSummary summary = Worker.join(pool).job(args[1]).workers(workers).run();
            System.out.println(summary.describe());
            System.exit(summary.exitCode());
        }
    }
}
