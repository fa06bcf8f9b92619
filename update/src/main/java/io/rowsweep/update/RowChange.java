package io.rowsweep.update;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fix changed (or, in a dry run, would change) on one row: the changed columns' values
 * before and after, or that the row is deleted.
 *
 * @param key    the row's key values, in key order
 * @param before the changed columns' values before the fix; empty for a deleted row
 * @param after  the changed columns' new values; empty for a deleted row
 */
public record RowChange(String table, List<String> keyColumns, List<Object> key, Map<String, Object> before,
                        Map<String, Object> after, boolean deleted) {

    private static final int MAX_VALUE_CHARS = 60;

    public RowChange {
        keyColumns = List.copyOf(keyColumns);
        key = Collections.unmodifiableList(new ArrayList<>(key));
        before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }

    /** The row's key as people read it: {@code id=42}, or {@code (a, b)=(1, x)}. */
    public String describeKey() {
        return describeKey(keyColumns, key);
    }

    /** {@code id=42}, or {@code (a, b)=(1, x)} for a composite key. */
    public static String describeKey(List<String> columns, List<Object> values) {
        if (columns.size() == 1) {
            return columns.get(0) + "=" + render(values.get(0));
        }
        StringBuilder names = new StringBuilder("(");
        StringBuilder vals = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            names.append(i == 0 ? "" : ", ").append(columns.get(i));
            vals.append(i == 0 ? "" : ", ").append(render(values.get(i)));
        }
        return names.append(")=").append(vals).append(')').toString();
    }

    /** {@code invoices id=42: service_fee_amount 0.00 -> 4.20}, or {@code invoices id=42: deleted}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(table).append(' ').append(describeKey()).append(':');
        if (deleted) {
            return b.append(" deleted").toString();
        }
        String sep = " ";
        for (Map.Entry<String, Object> e : after.entrySet()) {
            b.append(sep).append(e.getKey()).append(' ').append(render(before.get(e.getKey()))).append(" -> ").append(render(e.getValue()));
            sep = ", ";
        }
        return b.toString();
    }

    private static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        String s = value instanceof byte[] ? "<" + ((byte[]) value).length + " bytes>" : String.valueOf(value);
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
