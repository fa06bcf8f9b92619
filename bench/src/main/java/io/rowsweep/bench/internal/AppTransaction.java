package io.rowsweep.bench.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One transaction of the application.
 *
 * @param startMicros   when it was scheduled to start (epoch microseconds)
 * @param latencyMicros from then until it committed
 */
public record AppTransaction(long startMicros, long latencyMicros) {

    /**
     * Reads pgbench's per-transaction log lines: {@code client_id transaction_no time script_no
     * time_epoch time_us [schedule_lag]}, where {@code time} is the latency in microseconds and
     * {@code time_epoch}/{@code time_us} say when the transaction ended. A line cut short (pgbench
     * stopped mid-write) is skipped.
     */
    public static List<AppTransaction> parse(List<String> lines) {
        List<AppTransaction> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            try {
                long latency = Long.parseLong(f[2]);
                long end = Long.parseLong(f[4]) * 1_000_000L + Long.parseLong(f[5]);
                out.add(new AppTransaction(end - latency, latency));
            } catch (NumberFormatException cutShort) {
                // the last line of a log pgbench was stopped while writing
            }
        }
        return out;
    }
}
