package io.rowsweep.core.spi.job;

import java.sql.ResultSet;

/**
 * Receives the rows of a chunk one at a time, positioned on the driver's result set: the key
 * columns first (1..k), then the requested columns. Reads values directly, so nothing is
 * allocated per row that the job does not need.
 */
@FunctionalInterface
public interface RowHandler {

    void row(ResultSet row) throws Exception;
}
