package io.rowsweep.core;

import java.time.Instant;

/**
 * What one worker is doing right now.
 *
 * @param chunk the chunk being worked on, e.g. {@code posts(400000..410000]}, or null
 * @param since when the worker entered this state
 */
public record WorkerStatus(String name, State state, String chunk, Instant since) {

    /** A worker's states. */
    public enum State {
        STARTING, CLAIMING, WORKING, PAUSED, RETRYING, DONE
    }
}
