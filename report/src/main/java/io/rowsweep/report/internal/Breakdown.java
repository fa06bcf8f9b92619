package io.rowsweep.report.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job found or did per table, broken down by an item: validate gives violations by table
 * and constraint, update rows changed by table (one item, e.g. {@code changed}).
 *
 * @param title       the section's heading, e.g. {@code Violations by table and constraint}
 * @param itemHeader  the item column's heading, e.g. {@code Constraint}
 * @param countHeader the count column's heading, e.g. {@code Violations}
 * @param counts      table -> item -> count
 */
public record Breakdown(String title, String itemHeader, String countHeader, Map<String, Map<String, Long>> counts) {

    public Breakdown {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        counts.forEach((table, items) -> copy.put(table, Collections.unmodifiableMap(new LinkedHashMap<>(items))));
        counts = Collections.unmodifiableMap(copy);
    }
}
