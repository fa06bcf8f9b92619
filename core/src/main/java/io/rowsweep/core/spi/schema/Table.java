package io.rowsweep.core.spi.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A resolved table: its real namespace and name, its columns, its key, and a row estimate.
 *
 * @param label         how the user named it, used in messages, progress and job state
 * @param estimatedRows statistics-based estimate (may be stale), for ordering and ETA
 */
public record Table(String label, String namespace, String name, List<Column> columns, Key key, long estimatedRows) {

    public Table {
        columns = List.copyOf(columns);
    }

    /** The column of that name: exact match first, else the only case-insensitive match. */
    public Optional<Column> column(String columnName) {
        for (Column c : columns) {
            if (c.name().equals(columnName)) {
                return Optional.of(c);
            }
        }
        Column found = null;
        for (Column c : columns) {
            if (c.name().toLowerCase(Locale.ROOT).equals(columnName.toLowerCase(Locale.ROOT))) {
                if (found != null) {
                    return Optional.empty();
                }
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The same table, split by another key (e.g. a unique index, for a set-based check). */
    public Table withKey(Key other) {
        return new Table(label, namespace, name, columns, other, estimatedRows);
    }

    public Table withEstimatedRows(long rows) {
        return new Table(label, namespace, name, columns, key, rows);
    }

    @Override
    public String toString() {
        return label;
    }
}
