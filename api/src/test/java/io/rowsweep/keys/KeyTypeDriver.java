package io.rowsweep.keys;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.RowSweep;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSummary;
import io.rowsweep.update.spi.Row;
import io.rowsweep.update.spi.RowFix;
import io.rowsweep.validation.TableValidation;
import io.rowsweep.validation.ValidationSummary;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The process {@link KeyTypeContractTest} runs (and kills) with the JVM in a chosen time zone.
 * Every job uses one-row chunks, so every key value is a chunk boundary written to the job state
 * and read back.
 *
 * <pre>
 * KeyTypeDriver URL update TABLE...                  SQL mode (c_sql + 1), then Java mode (c_java + 1), per table
 * KeyTypeDriver URL validate JOB RULES OUT TABLE...  validates the tables, prints "rows TABLE N" per table
 * </pre>
 */
public final class KeyTypeDriver {

    static final String CHUNK_DONE = "chunk done";

    private static final ProgressListener PRINT_CHUNKS = new ProgressListener() {
        @Override
        public void chunkFinished(ChunkEvent event) {
            System.out.println(CHUNK_DONE);
        }
    };

    private KeyTypeDriver() {
    }

    public static void main(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            List<String> rest = Arrays.asList(args).subList(2, args.length);
            if (args[1].equals("update")) {
                for (String table : rest) {
                    for (String mode : List.of("sql", "java")) {
                        UpdateSummary s = update(pool, table, mode).run();
                        System.out.println("job " + mode + " " + table + " " + s.status());
                        if (s.exitCode() != 0) {
                            System.exit(s.exitCode());
                        }
                    }
                }
            } else {
                ValidationSummary s = oneRowChunks(RowSweep.validate(pool).rules(Path.of(rest.get(1))).violationsTo(Path.of(rest.get(2)))
                        .tables(rest.subList(3, rest.size()).toArray(new String[0])).job(rest.get(0))).listener(PRINT_CHUNKS).run();
                for (TableValidation t : s.tables()) {
                    System.out.println("rows " + t.table() + " " + t.rowsChecked());
                }
                System.out.println("validated " + s.run().status());
                System.out.flush();
                System.exit(s.exitCode());
            }
            System.out.flush();
        }
    }

    private static Update update(HikariDataSource pool, String table, String mode) {
        Update u = RowSweep.update(pool).table(table);
        u = mode.equals("sql") ? u.set("c_sql = c_sql + 1") : u.fix(new CountingFix());
        return oneRowChunks(u.job("kt-" + mode + "-" + table)).listener(PRINT_CHUNKS);
    }

    private static <B extends io.rowsweep.core.SweepOptions<B>> B oneRowChunks(B options) {
        return options.workers(2).minChunkRows(1).maxChunkRows(1).initialChunkRows(1).latencyGuard(LatencyGuard.OFF);
    }

    /** Java mode's non-idempotent change: one more on every row, written back by the row's key. */
    public static final class CountingFix implements RowFix {
        @Override
        public void fix(Row row) {
            row.set("c_java", ((Number) row.get("c_java")).intValue() + 1);
        }
    }
}
