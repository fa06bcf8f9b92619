package io.rowsweep.update;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunSummary;
import io.rowsweep.update.spi.Row;
import io.rowsweep.update.spi.RowFix;

import java.time.Duration;

/**
 * The process {@link UpdateKillContractTest} kills: runs a non-idempotent update
 * ({@code counter = counter + 1}) in small chunks and prints a line per chunk done.
 * Arguments: JDBC URL, {@code sql} or {@code java}, the SQL mode's where (slows each chunk down),
 * and optionally {@code at-end}: the job's name is derived (no {@code job}) and, once the run's
 * outcome is recorded, the process prints {@value #RECORDED} and waits to be killed before it
 * could tell anyone the update is done.
 */
public final class KilledUpdateMain {

    static final String TABLE = "counters";
    static final String CHUNK_DONE = "chunk done";
    static final String RECORDED = "outcome recorded";

    private KilledUpdateMain() {
    }

    public static void main(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(4);
        boolean atEnd = args.length > 3 && args[3].equals("at-end");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Update update = configure(Update.of(pool), args[1], args[2]);
            if (atEnd) { // to its end quickly, under a derived name
                update = update.job(null).maxChunkRows(2_000).initialChunkRows(2_000).latencyGuard(LatencyGuard.OFF);
            }
            UpdateSummary summary = update.listener(new ProgressListener() {
                @Override
                public void chunkFinished(ChunkEvent event) {
                    System.out.println(CHUNK_DONE + " " + event.chunk());
                    System.out.flush();
                }

                @Override
                public void finished(Progress progress, RunSummary summary) {
                    if (atEnd) {
                        System.out.println(RECORDED + ": " + summary.status());
                        System.out.flush();
                        sleepUntilKilled();
                    }
                }
            }).run();
            System.out.println("finished: " + summary.status() + " " + summary.describe());
            System.exit(summary.exitCode());
        }
    }

    private static void sleepUntilKilled() {
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The update the child runs, and the test finishes after the kills: same settings, so the same job. */
    static Update configure(Update update, String mode, String slowWhere) {
        Update u = update.table(TABLE).job("kill-" + mode).workers(2).initialChunkRows(100).minChunkRows(100).maxChunkRows(100)
                .pauseBetweenChunks(Duration.ofMillis(5)).lockTimeout(Duration.ofSeconds(2)).retryDeadline(Duration.ofMinutes(1));
        return mode.equals("sql") ? u.set("counter = counter + 1").where(slowWhere) : u.fix(null, SlowCountingFix.class.getName());
    }

    /** Java mode's fix: counts each row once more, pausing now and then so kills land while its rows are locked. */
    public static final class SlowCountingFix implements RowFix {
        private int rows;

        @Override
        public void fix(Row row) throws InterruptedException {
            if (++rows % 20 == 0) {
                Thread.sleep(1);
            }
            row.set("counter", row.getInt("counter") + 1);
        }
    }
}
