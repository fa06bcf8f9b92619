package io.rowsweep.core.internal.exec;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Measures how many bytes a row of a result set holds: the values of the columns that can be
 * wide (text, binary, JSON, arrays, LOBs) byte by byte, the others at a flat estimate. Only
 * {@link io.rowsweep.core.internal.plan.RowWidth#SAMPLE_EVERY sampled} rows are measured.
 */
final class RowMeter {

    /** A value that cannot grow (a number, a date, a short string), with its share of the driver's per-value bookkeeping. */
    private static final int NARROW_VALUE = 16;
    /** The driver's and the job's per-row objects. */
    private static final int ROW_OVERHEAD = 64;
    /** Declared lengths up to this are counted as narrow: no row of them makes a fetch too big. */
    private static final int NARROW_LIMIT = 1024;

    private final int[] wide;
    private final boolean[] asText;
    private final long fixed;

    RowMeter(ResultSetMetaData meta) throws SQLException {
        int n = meta.getColumnCount();
        int[] w = new int[n];
        int count = 0;
        for (int i = 1; i <= n; i++) {
            if (canBeWide(meta.getColumnType(i), meta.getPrecision(i))) {
                w[count++] = i;
            }
        }
        this.wide = java.util.Arrays.copyOf(w, count);
        this.asText = new boolean[count];
        this.fixed = ROW_OVERHEAD + (long) (n - count) * NARROW_VALUE;
    }

    private static boolean canBeWide(int type, int precision) {
        switch (type) {
            case Types.CHAR:
            case Types.NCHAR:
            case Types.VARCHAR:
            case Types.NVARCHAR:
            case Types.BINARY:
            case Types.VARBINARY:
                return precision <= 0 || precision > NARROW_LIMIT;
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.LONGVARBINARY:
            case Types.CLOB:
            case Types.NCLOB:
            case Types.BLOB:
            case Types.ARRAY:
            case Types.OTHER:
            case Types.SQLXML:
            case Types.JAVA_OBJECT:
            case Types.STRUCT:
                return true;
            default:
                return false;
        }
    }

    /** The bytes of the current row. */
    long measure(ResultSet rs) throws SQLException {
        long bytes = fixed;
        for (int i = 0; i < wide.length; i++) {
            bytes += NARROW_VALUE + valueBytes(rs, i);
        }
        return bytes;
    }

    private long valueBytes(ResultSet rs, int i) throws SQLException {
        int column = wide[i];
        if (!asText[i]) {
            try {
                byte[] b = rs.getBytes(column); // the raw value for most drivers and types: no decoding
                return b == null ? 0 : b.length;
            } catch (SQLException notAsBytes) {
                asText[i] = true; // a type the driver gives only as text (an array, a JSON value): measured as text from now on
            }
        }
        String s = rs.getString(column);
        return s == null ? 0 : s.length();
    }
}
