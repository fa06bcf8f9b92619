package io.rowsweep.distributed;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ProgressListener;

/**
 * A worker process for tests and the benchmark, as {@code rowsweep worker} runs it: joins a job
 * and prints a line per chunk it does. Arguments: JDBC URL, job name, workers.
 */
public final class WorkerMain {

    static final String CHUNK_DONE = "chunk done";

    private WorkerMain() {
    }

    public static void main(String[] args) {
        int workers = Integer.parseInt(args[2]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(workers + 3);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            WorkerSummary summary = Worker.join(pool).job(args[1]).workers(workers).listener(new ProgressListener() {
                @Override
                public void chunkFinished(ChunkEvent event) {
                    System.out.println(CHUNK_DONE + " " + event.table() + " #" + event.chunk() + " " + event.range());
                    System.out.flush();
                }
            }).run();
            System.out.println(summary.describe());
            System.exit(summary.exitCode());
        }
    }
}
