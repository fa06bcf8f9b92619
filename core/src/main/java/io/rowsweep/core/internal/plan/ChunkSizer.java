package io.rowsweep.core.internal.plan;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Adapts a table's chunk size toward a target chunk time, from the throughput of the chunks done
 * so far (as pt-online-schema-change's {@code --chunk-time} does). Grows at most 2x per chunk and
 * shrinks at once when chunks run long, so lock times stay near the target. Thread-safe.
 */
public final class ChunkSizer {

    private final long targetNanos;
    private final int min;
    private final int max;
    private final ChunkSizer job;
    private final IntSupplier ceiling;
    private double rowsPerSecond = -1;
    private int current;

    /** A job-wide sizer: it learns from every table's chunks, and seeds each table's first chunk. */
    public ChunkSizer(Duration target, int initial, int min, int max) {
        this(target, initial, min, max, () -> Integer.MAX_VALUE, null);
    }

    /**
     * A job-wide sizer whose sizes never exceed {@code ceiling} at the time they are asked for
     * (a throttle's limit), nor drop below {@code min}; what it learns is not affected.
     */
    public ChunkSizer(Duration target, int initial, int min, int max, IntSupplier ceiling) {
        this(target, initial, min, max, ceiling, null);
    }

    /**
     * A table's sizer. Its first chunk follows what the job has learned so far from other tables
     * (rather than starting small every time), and each of its chunks teaches the job too.
     */
    public ChunkSizer(ChunkSizer job) {
        this(Duration.ofNanos(job.targetNanos), job.learnt(), job.min, job.max, job.ceiling, job);
    }

    private ChunkSizer(Duration target, int initial, int min, int max, IntSupplier ceiling, ChunkSizer job) {
        if (min > max) {
            throw new IllegalArgumentException("min-chunk-rows " + min + " > max-chunk-rows " + max);
        }
        this.targetNanos = target.toNanos();
        this.min = min;
        this.max = max;
        this.current = clamp(initial);
        this.ceiling = ceiling;
        this.job = job;
    }

    /** Rows to put in the next chunk. */
    public int next() {
        return Math.max(min, Math.min(learnt(), ceiling.getAsInt()));
    }

    /** The size learnt from chunk times, before any ceiling. */
    private synchronized int learnt() {
        if (job != null && rowsPerSecond < 0) {
            current = Math.max(current, job.learnt());
        }
        return current;
    }

    /** Feeds back a finished chunk: {@code rows} rows took {@code elapsed}. */
    public void record(long rows, Duration elapsed) {
        if (job != null) {
            job.record(rows, elapsed);
        }
        learn(rows, elapsed);
    }

    private synchronized void learn(long rows, Duration elapsed) {
        long nanos = Math.max(1, elapsed.toNanos());
        if (rows <= 0) {
            return;
        }
        double rate = rows * 1e9 / nanos;
        // Exponential moving average: one odd chunk (a cold cache, a lock wait) does not swing the size.
        rowsPerSecond = rowsPerSecond < 0 ? rate : 0.7 * rowsPerSecond + 0.3 * rate;
        double ideal = rowsPerSecond * targetNanos / 1e9;
        if (nanos > 2 * targetNanos) {
            // Too slow: shrink now, in proportion, ignoring the average.
            ideal = Math.min(ideal, (double) rows * targetNanos / nanos);
        } else {
            ideal = Math.min(ideal, current * 2.0);
        }
        current = clamp((long) ideal);
    }

    public synchronized double rowsPerSecond() {
        return Math.max(0, rowsPerSecond);
    }

    private int clamp(long v) {
        return (int) Math.max(min, Math.min(max, v));
    }
}
