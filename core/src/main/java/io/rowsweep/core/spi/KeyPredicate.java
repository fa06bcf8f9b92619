package io.rowsweep.core.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A SQL condition comparing a key tuple with bound values, e.g. {@code ("a", "b") > (?, ?)}, plus
 * which key component each {@code ?} binds, in order: an expanded form such as
 * {@code a >= ? AND (a > ? OR b > ?)} binds components {@code [0, 0, 1]}.
 */
public final class KeyPredicate {

    private final String sql;
    private final int[] components;

    public KeyPredicate(String sql, int[] components) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.components = components.clone();
    }

    public String sql() {
        return sql;
    }

    /** The key component bound to each placeholder, in placeholder order. */
    public int[] components() {
        return components.clone();
    }

    public int parameterCount() {
        return components.length;
    }

    /** The key component bound to the placeholder at {@code index} (0-based). */
    public int component(int index) {
        return components[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPredicate && ((KeyPredicate) o).sql.equals(sql)
                && Arrays.equals(((KeyPredicate) o).components, components);
    }

    @Override
    public int hashCode() {
        return sql.hashCode() * 31 + Arrays.hashCode(components);
    }

    @Override
    public String toString() {
        return sql + " " + Arrays.toString(components);
    }
}
