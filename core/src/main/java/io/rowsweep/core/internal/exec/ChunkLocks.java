package io.rowsweep.core.internal.exec;


import io.rowsweep.core.Setting;
import io.rowsweep.core.spi.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Takes a chunk's row locks before its work, so that nobody waits on rows rowsweep holds much
 * longer than a chunk takes: all the rows the chunk writes, in key order, without waiting for
 * any. When another transaction holds one of them, the chunk's transaction rolls back at once
 * (the rows locked so far are released, never held while waiting) and tries again after a short
 * pause; past the lock timeout the attempt fails as a transient error, and the chunk is retried
 * later like any other.
 */
final class ChunkLocks {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkLocks.class);
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 250;

    private ChunkLocks() {
    }

    /**
     * Locks the rows of {@code context}'s chunk that {@code filter} selects, in its transaction.
     *
     * @param filter      the processor's {@link ChunkProcessor#writeFilter}
     * @param lockTimeout the longest the locks are tried for; also bounds any lock wait of the chunk's later statements
     * @param label       the worker and chunk, for the log
     * @return {@link System#nanoTime} when the pass that took the locks began: from then on the chunk holds rows
     */
    static long take(RunningChunk context, String filter, Duration lockTimeout, String label) throws SQLException, InterruptedException {
        Connection c = context.connection();
        Dialect dialect = context.dialect();
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        for (int conflicts = 0; ; conflicts++) {
            long pass = System.nanoTime();
            // Set in each transaction (PostgreSQL's lasts until the rollback). The locking below never waits; this
            // bounds the later statements', which find the rows already locked, save one that came to match the filter since.
            dialect.applyLockTimeout(c, lockTimeout);
            try {
                context.lockRows(filter);
                return pass;
            } catch (SQLException e) {
                if (!dialect.isLockConflict(e)) {
                    throw e;
                }
                c.rollback();
                long pause = pauseMillis(conflicts);
                if (System.nanoTime() + pause * 1_000_000 - deadline > 0) {
                    throw new SQLTransientException("rows of the chunk stayed locked by another transaction for "
                            + Setting.format(lockTimeout) + " (the lock-timeout): " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
                if (context.aborted()) {
                    throw new InterruptedException("run aborted");
                }
                LOG.debug("{}: a row is locked by another transaction; rolled back, locking again in {} ms", label, pause);
                Thread.sleep(pause);
            }
        }
    }

    /** 10 ms, doubling up to 250 ms, with jitter so that workers meeting the same lock do not retry in step. */
    private static long pauseMillis(int conflicts) {
        long pause = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(conflicts, 8));
        return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
    }
}
