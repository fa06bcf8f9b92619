package io.rowsweep.core.spi.schema;

import io.rowsweep.core.spi.KeyType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns that order and identify a table's rows, with how each is written in SQL and how its
 * values travel: read as the database's exact text, bound back with a cast to the column's type
 * ({@link KeyType}). Key values are that text everywhere in rowsweep ({@code String[]}, one per column).
 *
 * @param expressions the key columns as SQL (quoted names, or {@code ctid})
 * @param types       per column, how its values are read and bound
 * @param indexName   the index the key comes from (null for a primary key or row locator)
 */
public record Key(KeyKind kind, List<Column> columns, List<String> expressions, List<KeyType> types, String indexName) {

    /** The name of the i-th key read in a SELECT list ({@link #namedReads}), from 1. */
    public static final String READ_NAME = "rowsweep_key_";

    public Key {
        columns = List.copyOf(columns);
        expressions = List.copyOf(expressions);
        types = List.copyOf(types);
        if (columns.size() != expressions.size() || columns.size() != types.size()) {
            throw new IllegalArgumentException("a key needs an expression and a type per column");
        }
    }

    public int size() {
        return columns.size();
    }

    public List<String> names() {
        return columns.stream().map(Column::name).collect(Collectors.toList());
    }

    /** The placeholder binding each column's text ({@code CAST(? AS citext)}, {@code ?::tid}). */
    public List<String> placeholders() {
        return types.stream().map(KeyType::placeholder).collect(Collectors.toList());
    }

    /** {@code "a" = CAST(? AS t) AND "b" = ...}: the row with the bound key, compared in the key's own order. */
    public String equalsBound() {
        List<String> parts = new java.util.ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            parts.add(expressions.get(i) + " " + types.get(i).operator("=") + " " + types.get(i).placeholder());
        }
        return String.join(" AND ", parts);
    }

    /** The SQL reading each column as its exact text. */
    public List<String> reads() {
        List<String> reads = new java.util.ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            reads.add(types.get(i).read(expressions.get(i)));
        }
        return reads;
    }

    /**
     * {@link #reads()} named apart from the key columns, for a SELECT list: PostgreSQL names
     * {@code "k"::text} {@code k}, and an {@code ORDER BY "k"} would then sort by the text.
     */
    public List<String> namedReads(java.util.function.UnaryOperator<String> quote) {
        List<String> reads = reads();
        List<String> named = new java.util.ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            named.add(reads.get(i) + " AS " + quote.apply(READ_NAME + (i + 1)));
        }
        return named;
    }

    /**
     * The SQL expressions a chunk's SELECT adds after its key columns and {@code others} other
     * columns so the key's text can be read: one per column that does not read as itself.
     */
    public List<String> extraReads() {
        List<String> extra = new java.util.ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!types.get(i).readsItself()) {
                extra.add(types.get(i).read(expressions.get(i)));
            }
        }
        return extra;
    }

    /**
     * Where each column's text is in a row selected as: the key columns, {@code others} other
     * columns, then {@link #extraReads()} (1-based JDBC indexes).
     */
    public int[] textIndexes(int others) {
        int[] at = new int[size()];
        int extra = 0;
        for (int i = 0; i < at.length; i++) {
            at[i] = types.get(i).readsItself() ? i + 1 : size() + others + ++extra;
        }
        return at;
    }

    /** The key's text in the current row, read at {@code indexes} ({@link #textIndexes}). */
    public static String[] read(ResultSet rs, int[] indexes) throws SQLException {
        String[] key = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            key[i] = rs.getString(indexes[i]);
        }
        return key;
    }

    /** The key as people read it: each column's text through its type's display (numbers, ISO timestamps, labels). */
    public Object[] display(String[] text) {
        Object[] shown = new Object[text.length];
        for (int i = 0; i < text.length; i++) {
            shown[i] = types.get(i).display(text[i]);
        }
        return shown;
    }

    /** For messages: {@code primary key (id)}. */
    public String describe() {
        return kind.label() + " (" + String.join(", ", names()) + ")";
    }
}
