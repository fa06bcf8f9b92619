package io.rowsweep.core.internal.exec;

import java.sql.Connection;
import java.sql.SQLException;

/** Rollback and close that never throw: used on paths that are already handling an error. */
final class Transactions {

    private Transactions() {
    }

    static void rollbackQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException | RuntimeException ignored) {
            // the connection is broken; it is discarded next
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing more to do with it
        }
    }
}
