package io.rowsweep.cli;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.RangeCondition;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A test job that "validates" tables with an {@code id} key: a row whose id is divisible by 97 is
 * invalid (one problem), and the chunk holding the {@code poison} id fails for good, so runs have
 * findings and failed chunks to show. Each chunk stamps {@code visits = visits + 1}, so SQL can
 * prove every row was processed exactly once.
 */
final class CountingJob implements SweepJob<Void> {

    static final int INVALID_EVERY = 97;

    private final List<String> tables;
    private final long sleepMillisPerChunk;
    private final Long poison;

    CountingJob(List<String> tables, long sleepMillisPerChunk, Long poison) {
        this.tables = List.copyOf(tables);
        this.sleepMillisPerChunk = sleepMillisPerChunk;
        this.poison = poison;
    }

    /** Creates {@code name(id BIGINT PRIMARY KEY, visits INT)} with ids 1..rows. */
    static void createTable(io.rowsweep.testkit.TestSchema db, String name, long rows) {
        db.execute("CREATE TABLE " + name + " (id BIGINT PRIMARY KEY, visits INT NOT NULL DEFAULT 0)",
                "INSERT INTO " + name + " (id, visits) SELECT g.i, 0 FROM " + db.series(rows));
    }

    @Override
    public String kind() {
        return "validate";
    }

    @Override
    public String spec() {
        return "{\"test\":\"counting\",\"tables\":[" + tables.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))
                + "],\"poison\":" + poison + "}";
    }

    @Override
    public List<String> tables() {
        return tables;
    }

    @Override
    public List<SweepTask<Void>> prepare(Table table, Connection connection, Dialect dialect) {
        String qualified = dialect.qualify(table.namespace(), table.name());
        String id = dialect.quote(table.column("id").orElseThrow().name());
        String visits = dialect.quote(table.column("visits").orElseThrow().name());
        return List.of(new SweepTask<>(table.label(), table, table.key(), table.estimatedRows(), () -> ctx -> {
            RangeCondition range = ctx.range();
            long rows;
            long invalid;
            long poisoned;
            try (PreparedStatement ps = ctx.connection().prepareStatement("SELECT count(*), coalesce(sum(CASE WHEN mod(" + id + ", "
                    + INVALID_EVERY + ") = 0 THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN " + id + " = ? THEN 1 ELSE 0 END), 0) FROM "
                    + qualified + " WHERE " + range.sql())) {
                ps.setLong(1, poison == null ? -1 : poison);
                range.bind(ps, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                    invalid = rs.getLong(2);
                    poisoned = rs.getLong(3);
                }
            }
            if (poisoned > 0) {
                throw new IllegalStateException("row id=" + poison + " of " + table.label() + " is poisoned");
            }
            try (PreparedStatement ps = ctx.connection().prepareStatement("UPDATE " + qualified + " SET " + visits + " = " + visits
                    + " + 1 WHERE " + range.sql())) {
                range.bind(ps, 1);
                ps.executeUpdate();
            }
            if (sleepMillisPerChunk > 0) {
                Thread.sleep(sleepMillisPerChunk);
            }
            return ChunkOutcome.of(rows, invalid, invalid);
        }, true));
    }

    @Override
    public boolean rerunsWhenFinished() {
        return true;
    }
}
