package io.rowsweep.validation;

import java.util.List;

/**
 * What a validation checked and what it left out, per entity (or, with a rules file, per table).
 *
 * @param name          the entity's name (or, with a rules file, the table's)
 * @param table         the table its rows are in, as the database names it, or null when it could not be mapped
 * @param status        {@link #CHECKED}, {@link #SKIPPED} (with the reason), {@link #EXCLUDED} (--exclude) or {@link #NOT_SELECTED} (--tables)
 * @param reason        why it is not checked, or null
 * @param fieldsChecked the fields (or columns) each row is checked on
 * @param fieldsSkipped the persistent fields that are not read, each as {@code field: why}
 */
public record Coverage(String name, String table, String status, String reason, List<String> fieldsChecked, List<String> fieldsSkipped) {

    public static final String CHECKED = "checked";
    public static final String SKIPPED = "skipped";
    public static final String EXCLUDED = "excluded";
    public static final String NOT_SELECTED = "not selected";

    public Coverage {
        fieldsChecked = List.copyOf(fieldsChecked);
        fieldsSkipped = List.copyOf(fieldsSkipped);
    }

    public boolean checked() {
        return CHECKED.equals(status);
    }
}
