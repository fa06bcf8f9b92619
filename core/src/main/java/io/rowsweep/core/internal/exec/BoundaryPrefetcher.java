package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.plan.KeyRangePlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Walks to a table's next chunk boundary while the workers process the current chunks, so a
 * claim finds its boundary ready instead of walking the index itself (a walk reads about as many
 * index entries as the chunk has rows). One background thread, on a pooled connection borrowed
 * per walk; a claim whose boundary is not ready, or was computed from another frontier, walks
 * itself. Read-only: planning stays the claim's, under the cursor's row lock.
 */
final class BoundaryPrefetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoundaryPrefetcher.class);

    /** A boundary being computed: the chunk after {@code lo} with about {@code rows} rows. */
    record Prefetch(String[] lo, int rows, CompletableFuture<String[]> boundary) {

        /** Whether it answers a claim of about {@code wanted} rows after {@code frontier}. */
        boolean answers(String[] frontier, int wanted) {
            return Arrays.equals(lo, frontier) && rows * 2 >= wanted && rows <= wanted * 2L;
        }
    }

    private final DataSource dataSource;
    private final Duration networkTimeout;
    private final ExecutorService thread;

    BoundaryPrefetcher(DataSource dataSource, Duration networkTimeout) {
        this.dataSource = dataSource;
        this.networkTimeout = networkTimeout;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rowsweep-planner");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts walking from {@code lo}; a failure only means the claim walks itself. */
    Prefetch prefetch(KeyRangePlanner planner, String[] lo, int rows) {
        CompletableFuture<String[]> boundary = CompletableFuture.supplyAsync(() -> {
            try (Connection c = Connections.borrow(dataSource, networkTimeout)) {
                c.setAutoCommit(true);
                return planner.nextBoundary(c, lo, rows);
            } catch (Exception e) {
                LOG.debug("prefetching a boundary failed ({}); the claim walks itself", Errors.describe(e));
                throw new IllegalStateException(e);
            }
        }, thread);
        return new Prefetch(lo, rows, boundary);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
