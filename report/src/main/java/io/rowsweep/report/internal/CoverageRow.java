package io.rowsweep.report.internal;

import java.util.List;

/**
 * One line of the report's coverage: an entity (or rules-file table), its table, whether it was
 * checked or why not, and the fields checked and left out.
 */
public record CoverageRow(String name, String table, String status, String reason, List<String> fieldsChecked, List<String> fieldsSkipped) {

    public CoverageRow {
        fieldsChecked = List.copyOf(fieldsChecked);
        fieldsSkipped = List.copyOf(fieldsSkipped);
    }
}
