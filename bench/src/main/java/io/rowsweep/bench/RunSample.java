package io.rowsweep.bench;

/**
 * One measured run.
 *
 * @param wallNanos    the whole run as the harness saw it: for a forked run, the process from start to exit (JVM start included)
 * @param runNanos     the contender's {@code run} call alone, measured inside the process
 * @param peakRssBytes the process's peak resident memory (Linux VmHWM) for a forked run, else -1
 */
public record RunSample(long wallNanos, long runNanos, ContenderResult result, long peakRssBytes) {
}
