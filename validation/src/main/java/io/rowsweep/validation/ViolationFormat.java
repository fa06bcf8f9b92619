package io.rowsweep.validation;

/** How violations are written. */
public enum ViolationFormat {
    /** One JSON object per line: {@code {"table":..,"key":{..},"column":..,"property":..,"constraint":..,"message":..,"value":..}}. */
    JSONL,
    /** RFC 4180 CSV with a header line; the {@code key} column holds the key as a JSON object. */
    CSV;

    /** The usual file extension, e.g. {@code jsonl}. */
    public String extension() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
