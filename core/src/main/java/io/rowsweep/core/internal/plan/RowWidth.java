package io.rowsweep.core.internal.plan;

/**
 * How wide a table's rows are as its chunks read them, and what that allows within one worker's
 * memory ({@code worker-memory}): how many rows a fetch may bring ahead, and how many rows a chunk
 * may hold. Row counts alone bound nothing when a row can hold megabytes, so both follow the widest
 * rows seen lately. Until a row was measured a fetch brings one row. Thread-safe: a table's
 * chunks run on several workers.
 */
public final class RowWidth {

    /** Rows whose width is measured: one in this many (measuring reads a row's wide values once more). */
    public static final int SAMPLE_EVERY = 8;

    /**
     * Bytes a value takes in memory per byte read: the driver's copy of the row, and the Java values
     * the job makes of it (a string of non-Latin-1 text holds two bytes a character).
     */
    private static final int COPIES = 3;

    private final long budget;
    /** The widest row lately, in bytes; -1 until one was measured. */
    private long widest = -1;

    /** @param budget the bytes of row data one worker may hold ({@code worker-memory}) */
    public RowWidth(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.budget = budget;
    }

    public long budget() {
        return budget;
    }

    /** Records one measured row of {@code bytes} bytes as read from the database. */
    public synchronized void record(long bytes) {
        // The widest row seen, fading slowly, so a stretch of wide rows keeps fetches small for a while
        // after it, and one wide row long ago does not slow the rest of the table.
        widest = Math.max(bytes, widest - (widest >> 8));
    }

    /** The widest row lately, in bytes; -1 until a row was measured. */
    public synchronized long widest() {
        return widest;
    }

    /** Rows one fetch may bring, at most {@code max} (the fetch-size setting): half the budget's worth. */
    public int fetchRows(int max) {
        long w = widest();
        return w < 0 ? 1 : rowsIn(budget / 2, w, max);
    }

    /**
     * Rows one chunk may hold (a Java fix keeps its changes until the chunk writes them): half the budget's worth;
     * one row until a row was measured, since the first chunks may hold the widest rows of all.
     */
    public int chunkRows() {
        long w = widest();
        return w < 0 ? 1 : rowsIn(budget / 2, w, Integer.MAX_VALUE);
    }

    private static int rowsIn(long bytes, long width, int max) {
        long rows = bytes / (Math.max(1, width) * COPIES);
        return (int) Math.max(1, Math.min(max, rows));
    }
}
