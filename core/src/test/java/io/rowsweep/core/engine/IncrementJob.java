package io.rowsweep.core.engine;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.RangeCondition;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.testkit.TestSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * A test job whose every chunk runs {@code UPDATE t SET visits = visits + 1 WHERE <range>}: not
 * idempotent, so SQL can prove every row was visited exactly once ({@code visits = 1} everywhere).
 */
public final class IncrementJob implements SweepJob<Void> {

    private final List<String> tables;
    private final long sleepMillisPerChunk;

    public IncrementJob(List<String> tables, long sleepMillisPerChunk) {
        this.tables = List.copyOf(tables);
        this.sleepMillisPerChunk = sleepMillisPerChunk;
    }

    public IncrementJob(String... tables) {
        this(List.of(tables), 0);
    }

    /** Creates table {@code counted} with ids 1..{@code rows}, each not visited yet. */
    static void createCounted(TestSchema db, long rows) {
        db.execute("CREATE TABLE counted (id BIGINT PRIMARY KEY, visits INT NOT NULL DEFAULT 0)");
        db.execute("INSERT INTO counted SELECT g.i, 0 FROM " + db.series(rows));
    }

    @Override
    public String kind() {
        return "increment";
    }

    @Override
    public String spec() {
        return "{\"tables\":" + tables.stream().map(t -> "\"" + t + "\"").collect(java.util.stream.Collectors.toList()) + "}";
    }

    @Override
    public List<String> tables() {
        return tables;
    }

    @Override
    public List<SweepTask<Void>> prepare(Table table, Connection connection, Dialect dialect) {
        return List.of(new SweepTask<>(table.label(), table, table.key(), table.estimatedRows(), () -> ctx -> {
            RangeCondition range = ctx.range();
            String visits = dialect.quote(table.column("visits").orElseThrow().name());
            String sql = "UPDATE " + dialect.qualify(table.namespace(), table.name()) + " SET " + visits + " = " + visits + " + 1 WHERE "
                    + range.sql();
            try (PreparedStatement ps = ctx.connection().prepareStatement(sql)) {
                range.bind(ps, 1);
                int n = ps.executeUpdate();
                if (sleepMillisPerChunk > 0) {
                    Thread.sleep(sleepMillisPerChunk);
                }
                return ChunkOutcome.of(n, n, 0);
            }
        }, true));
    }

    @Override
    public boolean rerunsWhenFinished() {
        return false;
    }
}
