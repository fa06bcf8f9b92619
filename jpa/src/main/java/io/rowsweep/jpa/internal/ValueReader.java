package io.rowsweep.jpa.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row as a Java type, chosen once per column so that nothing is
 * looked up per row. A value that cannot be converted throws {@link IllegalArgumentException}
 * (or a {@link SQLException} of class 22, data exception, from the driver).
 */
@FunctionalInterface
public interface ValueReader {

    Object read(ResultSet rs, int index) throws SQLException;
}
