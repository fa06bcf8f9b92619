package io.rowsweep.validation.internal;

import java.util.List;
import java.util.Map;

/**
 * The rules of one table in a rules file.
 *
 * @param columns    per column (as written), its Bean Validation constraints
 * @param references per column, the referenced {@code table.column}
 * @param unique     column sets whose values must be unique
 */
public record TableRules(String table, Map<String, List<ConstraintRule>> columns, Map<String, String> references, List<List<String>> unique) {

    public TableRules {
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        references = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(references));
        unique = List.copyOf(unique);
    }
}
