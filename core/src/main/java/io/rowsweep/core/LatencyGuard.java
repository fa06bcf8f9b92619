package io.rowsweep.core;

/**
 * Whether a run watches the database's commit latency and slows down when it rises, so the live
 * application that shares the database keeps its response times.
 */
public enum LatencyGuard {
    /** On for jobs that write (updates), off for jobs that only read (validation). */
    AUTO,
    /** Always on. */
    ON,
    /** Never: run as fast as workers, chunk time and the explicit throttles allow. */
    OFF
}
