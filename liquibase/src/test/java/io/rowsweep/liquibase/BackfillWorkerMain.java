package io.rowsweep.liquibase;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.distributed.Worker;
import io.rowsweep.distributed.WorkerSummary;

/** A worker process, as {@code rowsweep worker --url URL --job JOB --workers N} runs it. Arguments: URL, job, workers. */
public final class BackfillWorkerMain {

    private BackfillWorkerMain() {
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
