package io.rowsweep.core.spi.schema;

/** Where a table's key comes from, best first. */
public enum KeyKind {
    PRIMARY_KEY("primary key"),
    UNIQUE_INDEX("unique not-null index"),
    /** Any index on NOT NULL columns, non-unique too: splits a set-based check (e.g. a uniqueness check) by the checked columns. */
    INDEX("index"),
    /** No key: PostgreSQL {@code ctid} page ranges (validate only; updates need a real key). */
    ROW_LOCATOR("row locator");

    private final String label;

    KeyKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
