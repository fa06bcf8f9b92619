package io.rowsweep.core.internal.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns that order and identify a table's rows, with how each is written in SQL and bound.
 *
 * @param expressions  the key columns as SQL (quoted names, or {@code ctid})
 * @param placeholders the placeholder binding each column ({@code ?}, or {@code ?::tid})
 * @param indexName    the index the key comes from (null for a primary key or row locator)
 */
public record Key(KeyKind kind, List<Column> columns, List<String> expressions, List<String> placeholders, String indexName) {

    public Key {
        columns = List.copyOf(columns);
        expressions = List.copyOf(expressions);
        placeholders = List.copyOf(placeholders);
    }

    public int size() {
        return columns.size();
    }

    public List<String> names() {
        return columns.stream().map(Column::name).collect(Collectors.toList());
    }

    /** For messages: {@code primary key (id)}. */
    public String describe() {
        return kind.label() + " (" + String.join(", ", names()) + ")";
    }
}
