package io.rowsweep.core.state;

/** A chunk's status in {@code rowsweep_chunk}. */
public enum ChunkStatus {
    /** Claimed by a worker; still RUNNING after a crash means: redo it. */
    RUNNING,
    /** Its work and this status committed together. */
    DONE,
    /** Failed for good in the last attempt; re-running the job retries it. */
    FAILED
}
