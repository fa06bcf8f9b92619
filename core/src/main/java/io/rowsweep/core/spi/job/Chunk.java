package io.rowsweep.core.spi.job;

import java.util.Arrays;
import java.util.Objects;

/**
 * One unit of work: the rows of a table whose key lies in {@code (lo, hi]}, each bound the
 * database's own text of the key columns ({@link KeyCodec}). A null {@code lo}
 * starts at the table's first row; a null {@code hi} is open-ended, so rows inserted past the
 * last boundary during the run are still visited.
 *
 * @param number the chunk's sequence number within its table, from 1
 */
public record Chunk(String table, int number, String[] lo, String[] hi) {

    public Chunk {
        Objects.requireNonNull(table, "table");
        lo = lo == null ? null : lo.clone();
        hi = hi == null ? null : hi.clone();
    }

    public boolean openEnded() {
        return hi == null;
    }

    /** The range as people read it: {@code (400000..410000]}, {@code [start..1000]}, {@code (9000..end)}. */
    public String range() {
        return (lo == null ? "[start" : "(" + render(lo)) + ".." + (hi == null ? "end)" : render(hi) + "]");
    }

    private static String render(String[] key) {
        if (key.length == 1) {
            return String.valueOf(key[0]);
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < key.length; i++) {
            b.append(i == 0 ? "" : ",").append(key[i]);
        }
        return b.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Chunk)) {
            return false;
        }
        Chunk c = (Chunk) o;
        return table.equals(c.table) && number == c.number && Arrays.equals(lo, c.lo) && Arrays.equals(hi, c.hi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, number);
    }

    @Override
    public String toString() {
        return table + range();
    }
}
