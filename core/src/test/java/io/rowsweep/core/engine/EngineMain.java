package io.rowsweep.core.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.core.spi.job.SweepJob;

import java.time.Clock;
import java.util.List;

/**
 * Runs a test job in its own JVM, for kill -9 and small-heap tests.
 * Args: {@code url job(increment|stream) table jobName workers sleepMillisPerChunk maxChunkRows [fixed]};
 * with {@code fixed}, every chunk has maxChunkRows rows (no adaptive sizing).
 */
public final class EngineMain {

    public static void main(String[] args) {
        String url = args[0];
        String kind = args[1];
        String table = args[2];
        String jobName = args[3];
        int workers = Integer.parseInt(args[4]);
        long sleep = Long.parseLong(args[5]);
        int maxChunkRows = Integer.parseInt(args[6]);
        boolean fixed = args.length > 7 && args[7].equals("fixed");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(workers + 1);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            SettingValues settings = SettingValues.defaults()
                    .with(SweepSettings.WORKERS, workers)
                    .with(SweepSettings.JOB, jobName)
                    .with(SweepSettings.INITIAL_CHUNK_ROWS, fixed ? maxChunkRows : Math.min(1000, maxChunkRows))
                    .with(SweepSettings.MIN_CHUNK_ROWS, fixed ? maxChunkRows : Math.min(100, maxChunkRows))
                    .with(SweepSettings.MAX_CHUNK_ROWS, maxChunkRows)
                    // Not what these runs test: the test polling the job state beside them is an application to the guard,
                    // whose slow start would space the chunks out until a kill hardly ever lands inside one.
                    .with(SweepSettings.LATENCY_GUARD, io.rowsweep.core.LatencyGuard.OFF);
            StreamKeysJob stream = new StreamKeysJob(List.of(table), false);
            SweepJob<Void> job = kind.equals("increment") ? new IncrementJob(List.of(table), sleep) : stream;
            RunSummary summary = new SweepEngine(ds, settings, List.of(), Clock.systemUTC()).run(job);
            long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            System.out.println("RESULT status=" + summary.status() + " rows=" + summary.rows() + " checksum=" + stream.checksum.get()
                    + " maxHeapMb=" + maxHeapMb);
            System.exit(summary.status() == io.rowsweep.core.RunStatus.DONE ? 0 : 3);
        }
    }
}
