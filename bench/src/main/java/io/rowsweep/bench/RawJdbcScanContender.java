package io.rowsweep.bench;

import io.rowsweep.bench.internal.PlainChecks;
import io.rowsweep.bench.internal.Streaming;
import io.rowsweep.demo.SeedTable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor: how fast the rows can be read at all. Each thread takes whole tables, largest first,
 * and streams {@code SELECT id, title, body} on its own connection (autocommit off, fetch size,
 * binary transfer on PostgreSQL), checking each row with {@link PlainChecks}; with one worker it
 * is valid_data's sequential scan, with N it is valid_data's processes, one table each.
 */
public final class RawJdbcScanContender implements Contender {

    public static final String NAME = "jdbc-scan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "raw JDBC: one streaming SELECT per table, whole tables per thread (largest first), checks in plain Java";
    }

    @Override
    public ContenderResult run(DataSource dataSource, int workers) throws Exception {
        Queue<SeedTable> tables = new ConcurrentLinkedQueue<>(largestFirst());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "jdbc-scan"));
        try {
            List<Future<ContenderResult>> scans = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                scans.add(pool.submit(() -> scanTables(dataSource, tables)));
            }
            long rows = 0;
            long invalid = 0;
            for (Future<ContenderResult> f : scans) {
                ContenderResult r = get(f);
                rows += r.rows();
                invalid += r.invalidRows();
            }
            return new ContenderResult(rows, invalid);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SeedTable> largestFirst() {
        List<SeedTable> tables = new ArrayList<>(Arrays.asList(SeedTable.values()));
        tables.sort(Comparator.comparingLong(SeedTable::seedRows).reversed());
        return tables;
    }

    private static ContenderResult scanTables(DataSource dataSource, Queue<SeedTable> tables) throws SQLException {
        long rows = 0;
        long invalid = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (SeedTable t = tables.poll(); t != null; t = tables.poll()) {
                Thread.currentThread().setName("jdbc-scan " + t.tableName());
                try (PreparedStatement ps = c.prepareStatement("SELECT id, title, body FROM " + t.tableName(),
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    Streaming.configure(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(1);
                            rows++;
                            if (!PlainChecks.valid(rs.getString(2), rs.getString(3))) {
                                invalid++;
                            }
                        }
                    }
                }
            }
            c.commit();
        }
        return new ContenderResult(rows, invalid);
    }

    static <T> T get(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
