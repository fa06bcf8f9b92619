package io.rowsweep.core;

/** What a run does when a chunk fails for good (a permanent error, or retries exhausted). */
public enum OnError {
    /** Finish the chunks already running, start no new ones, and end the run as failed. */
    STOP,
    /** Record the chunk as failed and go on; re-running the job retries the failed chunks. */
    SKIP_CHUNK
}
