package io.rowsweep.validation.internal;

import java.sql.ResultSet;

/**
 * Checks rows one at a time, on the result set a chunk streams: the table's key columns first,
 * then the columns the check reads ({@link ValidateJob.RowReader}). One instance per worker thread.
 */
interface RowCheck {

    /** Checks the current row, writing its violations. */
    void check(ResultSet rs, ViolationWriter out) throws Exception;
}
