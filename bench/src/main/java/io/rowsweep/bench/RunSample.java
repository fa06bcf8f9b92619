package io.rowsweep.bench;

/**
 * One measured run.
 *
 * @param wallNanos    the whole run as the harness saw it: for a forked run, the process from start to exit (JVM start included)
 * @param runNanos     the contender's {@code run} call alone, measured inside the process; -1 for a launched program
 * @param peakRssBytes the process's peak resident memory (Linux VmHWM) for a forked run, else -1
 * @param cpuNanos     CPU time of the whole process, all its threads (JIT compilers and garbage collector too), for a
 *                     forked run, else -1
 * @param otherCpuNanos CPU time the rest of the machine used meanwhile (Linux {@code /proc/stat} less the process's):
 *                     mostly the database when it runs on the same machine; -1 if unknown
 */
public record RunSample(long wallNanos, long runNanos, ContenderResult result, long peakRssBytes, long cpuNanos, long otherCpuNanos) {

    /** A run whose CPU time was not measured (in process). */
    public RunSample(long wallNanos, long runNanos, ContenderResult result, long peakRssBytes) {
        this(wallNanos, runNanos, result, peakRssBytes, -1, -1);
    }
}
