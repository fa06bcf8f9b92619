package io.rowsweep.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU time and peak memory of processes, from Linux {@code /proc}; -1 where it is not there. A launched program (a shell
 * script that runs Java) is measured from outside: its CPU as this process's reaped children's, its peak memory by watching it.
 */
public final class ProcessStats {

    /** Clock ticks per second of {@code /proc/<pid>/stat}: USER_HZ, 100 on every Linux architecture in use. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long WATCH_EVERY_MILLIS = 10;

    private ProcessStats() {
    }

    /** The peak resident set size (Linux {@code VmHWM}) of process {@code pid} ("self" for this one) in bytes, or -1. */
    public static long peakRss(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone: unknown
        }
        return -1;
    }

    /**
     * CPU nanoseconds (user and system) of this process's finished children that it waited for, theirs included, or -1.
     * The difference over a child's life is the child's CPU time, once {@link Process#waitFor()} returned.
     */
    public static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // pid (comm) state ppid ... : after the command's closing parenthesis, cutime and cstime are the 14th and 15th fields.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Watches the peak resident set size of {@code process} and of the processes it started (a script's Java) until it
     * exits, on a daemon thread: the largest of them. The peak is a high-water mark the kernel keeps, so reading it often
     * enough loses only what the last {@value #WATCH_EVERY_MILLIS} ms added.
     */
    public static PeakRssWatch watch(Process process) {
        AtomicLong peak = new AtomicLong(-1);
        long pid = process.pid();
        Thread t = new Thread(() -> {
            while (process.isAlive()) {
                peak.accumulateAndGet(peakRss(Long.toString(pid)), Math::max);
                process.descendants().forEach(d -> peak.accumulateAndGet(peakRss(Long.toString(d.pid())), Math::max));
                try {
                    Thread.sleep(WATCH_EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rowsweep-bench-rss-" + pid);
        t.setDaemon(true);
        t.start();
        return () -> {
            t.join();
            return peak.get();
        };
    }

    /** The peak a {@link #watch} saw. */
    @FunctionalInterface
    public interface PeakRssWatch {
        /** Waits for the watch to end (after the process exited) and returns the peak in bytes, or -1 if unknown. */
        long peakBytes() throws InterruptedException;
    }
}
