package io.rowsweep.validation;

import java.util.Map;

/**
 * What validation found in one table.
 *
 * @param rowsChecked            rows read and checked row by row
 * @param invalidRows            rows with at least one violation, each counted once (a row that breaks a
 *                               row rule and a uniqueness check too is one invalid row)
 * @param violations             violation records written for the table
 * @param violationsByConstraint violation records per constraint name ({@code NotBlank}, {@code Unique},
 *                               {@code References}, {@code ConversionError}, {@code ValidatorError}, ...)
 */
public record TableValidation(String table, long rowsChecked, long invalidRows, long violations, Map<String, Long> violationsByConstraint) {

    public TableValidation {
        violationsByConstraint = Map.copyOf(violationsByConstraint);
    }
}
