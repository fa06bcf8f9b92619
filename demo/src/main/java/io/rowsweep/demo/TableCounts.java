package io.rowsweep.demo;

import java.util.EnumMap;
import java.util.Map;

/**
 * Rows, invalid rows and violations per rule of one seed table.
 *
 * @param invalidRows rows breaking at least one rule
 * @param violations  per rule, the rows breaking it (a row breaking two rules counts under both)
 */
public record TableCounts(String table, long rows, long invalidRows, Map<SeedRule, Long> violations) {

    public TableCounts {
        EnumMap<SeedRule, Long> copy = new EnumMap<>(SeedRule.class);
        for (SeedRule r : SeedRule.values()) {
            copy.put(r, violations.getOrDefault(r, 0L));
        }
        violations = Map.copyOf(copy);
    }

    /** All violations of the table: what a validator reports, one per broken rule per row. */
    public long totalViolations() {
        return violations.values().stream().mapToLong(Long::longValue).sum();
    }

    public long violations(SeedRule rule) {
        return violations.get(rule);
    }
}
