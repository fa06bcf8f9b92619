package io.rowsweep.validation.internal;

import java.sql.ResultSet;
import java.util.List;

/**
 * Checks rows one at a time, on the result set a chunk streams: the table's key columns first,
 * then {@link #columns()}. One instance per worker thread.
 */
interface RowCheck {

    /** The columns to read after the key columns (unquoted names), in the order the check reads them. */
    List<String> columns();

    /** Checks the current row, writing its violations. */
    void check(ResultSet rs, ViolationWriter out) throws Exception;
}
