package io.rowsweep.core.internal.exec;

import io.rowsweep.core.Setting;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.spi.job.ChunkProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a chunk's work so that it never waits for another transaction's row lock while it holds
 * rows, so that nobody waits on rows rowsweep holds much longer than a chunk takes. A set-based
 * UPDATE ({@link ChunkProcessor#writesInOneStatement}) locks its rows itself, as it writes them,
 * with no lock wait ({@link Dialect#applyNoLockWait}); other work (a Java fix, which reads its rows
 * before it writes them), or a database that cannot keep the wait short, first locks all the rows
 * the chunk writes, in key order, without waiting for any. When another transaction holds one of
 * them, the chunk's transaction rolls back at once (the rows locked so far are released, never
 * held while waiting) and tries again after a short pause, from then on locking up front; past the
 * lock timeout the attempt fails as a transient error, and the chunk is retried later like any other.
 */
final class ChunkLocks {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkLocks.class);
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 250;

    /** What the processor returned, and {@link System#nanoTime} when its attempt began: from then on the chunk held rows. */
    record Held(ChunkOutcome<Object> outcome, long sinceNanos) {
    }

    private ChunkLocks() {
    }

    /**
     * Runs {@code processor} on {@code context}'s chunk, in its transaction, taking the chunk's row
     * locks as the class says.
     *
     * @param lockTimeout the longest the locks are tried for; also bounds any lock wait of the chunk's later statements
     * @param label       the worker and chunk, for the log
     */
    static Held process(RunningChunk context, ChunkProcessor<Object> processor, Duration lockTimeout, String label) throws Exception {
        Connection c = context.connection();
        Dialect dialect = context.dialect();
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        boolean lockAsItWrites = processor.writesInOneStatement();
        for (int conflicts = 0; ; conflicts++) {
            long attempt = System.nanoTime();
            try {
                if (lockAsItWrites && dialect.applyNoLockWait(c)) {
                    return new Held(processNoWait(context, processor, lockTimeout), attempt);
                }
                // Set in each transaction (PostgreSQL's lasts until the rollback). The locking below never waits; this
                // bounds the later statements', which find the rows already locked, save one that came to match the filter since.
                dialect.applyLockTimeout(c, lockTimeout);
                context.lockRows(processor.writeFilter());
            } catch (SQLException e) {
                if (!dialect.isLockConflict(e)) {
                    throw e;
                }
                c.rollback();
                // Another transaction holds rows of the chunk, maybe for long: until they are free, try with a pass that
                // only locks, cheaper to undo than an UPDATE that wrote every row before them (undone by InnoDB while the
                // application waits for those rows; left dead for VACUUM by PostgreSQL).
                lockAsItWrites = false;
                long pause = pauseMillis(conflicts);
                if (System.nanoTime() + pause * 1_000_000 - deadline > 0) {
                    throw new SQLTransientException("rows of the chunk stayed locked by another transaction for "
                            + Setting.format(lockTimeout) + " (the lock-timeout): " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
                if (context.aborted()) {
                    throw new InterruptedException("run aborted");
                }
                LOG.debug("{}: a row is locked by another transaction; rolled back, trying again in {} ms", label, pause);
                Thread.sleep(pause);
                continue;
            }
            return new Held(processor.process(context), attempt);
        }
    }

    /**
     * Runs a processor that writes in one statement under the no-wait {@link Dialect#applyNoLockWait} set, then sets
     * the lock timeout back for the chunk's checkpoint, which writes rowsweep's own rows and may wait for them as usual.
     * MariaDB's no-wait is the session's: after a failure it is set back too, after the rollback (the transaction may be
     * aborted), so no later statement on the connection, nor the pool's next borrower, inherits it.
     */
    private static ChunkOutcome<Object> processNoWait(RunningChunk context, ChunkProcessor<Object> processor, Duration lockTimeout) throws Exception {
        Connection c = context.connection();
        Dialect dialect = context.dialect();
        ChunkOutcome<Object> outcome;
        try {
            outcome = processor.process(context);
        } catch (Exception e) {
            try {
                c.rollback();
                dialect.applyLockTimeout(c, lockTimeout);
            } catch (SQLException restoring) {
                e.addSuppressed(restoring);
            }
            throw e;
        }
        dialect.applyLockTimeout(c, lockTimeout);
        return outcome;
    }

    /** 10 ms, doubling up to 250 ms, with jitter so that workers meeting the same lock do not retry in step. */
    private static long pauseMillis(int conflicts) {
        long pause = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(conflicts, 8));
        return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
    }
}
