package io.rowsweep.bench.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The application's latency over a window: percentiles by nearest rank over the transactions
 * scheduled to start in it.
 *
 * @param transactions how many
 * @param perSecond    transactions per second over the window (the rate asked for, unless the database could not keep up)
 * @param slow         how many took longer than one second
 */
public record Latencies(int transactions, double perSecond, double p50Millis, double p99Millis, double p999Millis, double maxMillis,
                        int slow) {

    /** The transactions that started in {@code [fromMicros, toMicros)}. */
    public static Latencies of(List<AppTransaction> all, long fromMicros, long toMicros) {
        long[] micros = all.stream().filter(t -> t.startMicros() >= fromMicros && t.startMicros() < toMicros)
                .mapToLong(AppTransaction::latencyMicros).sorted().toArray();
        if (micros.length == 0) {
            return new Latencies(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int slow = (int) Arrays.stream(micros).filter(m -> m > 1_000_000).count();
        return new Latencies(micros.length, micros.length / ((toMicros - fromMicros) / 1e6), rank(micros, 0.50) / 1e3,
                rank(micros, 0.99) / 1e3, rank(micros, 0.999) / 1e3, micros[micros.length - 1] / 1e3, slow);
    }

    /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
    public static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
