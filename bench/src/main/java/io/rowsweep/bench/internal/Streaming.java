package io.rowsweep.bench.internal;

import java.sql.SQLException;
import java.sql.Statement;

/** Makes a statement stream its rows in bounded memory, the fast way each driver allows. */
public final class Streaming {

    /** Rows per round trip. */
    public static final int FETCH_SIZE = 1000;

    private Streaming() {
    }

    /**
     * Fetch size for all drivers (pgjdbc streams only with it and autocommit off); on PostgreSQL
     * also binary transfer from the first execution, which pgjdbc otherwise starts only at the
     * fifth execution of a statement.
     */
    public static void configure(Statement statement) throws SQLException {
        statement.setFetchSize(FETCH_SIZE);
        if (statement.isWrapperFor(org.postgresql.PGStatement.class)) {
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }
    }
}
