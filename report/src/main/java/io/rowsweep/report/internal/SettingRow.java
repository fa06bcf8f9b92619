package io.rowsweep.report.internal;

/**
 * A setting as the report lists it.
 *
 * @param explicit whether the run was given this value (else it is the default)
 */
public record SettingRow(String name, String value, boolean explicit) {
}
