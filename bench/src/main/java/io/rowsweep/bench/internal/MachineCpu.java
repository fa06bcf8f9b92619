package io.rowsweep.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time the whole machine has used since boot, from Linux {@code /proc/stat} (all but idle and iowait). */
public final class MachineCpu {

    /** Clock ticks per second of {@code /proc/stat}: USER_HZ, 100 on every Linux architecture in use. */
    private static final long TICKS_PER_SECOND = 100;

    private MachineCpu() {
    }

    /** Nanoseconds of CPU used by all processes since boot, or -1 where {@code /proc/stat} is not there. */
    public static long nanos() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
