package io.rowsweep.distributed;

import java.time.Instant;

/**
 * One process that took part in a distributed run of a job, from the job's worker registry.
 *
 * @param id            the process's name in the job state: {@code host:pid:suffix}; chunks it holds show it as their worker
 * @param role          whether it started the run or joined it
 * @param threads       how many chunks it runs at once (0: it only plans and watches)
 * @param lastHeartbeat when it last said it was alive
 * @param leftAt        when it left the run, or null while it takes part (or died: see {@link State#LOST})
 * @param chunksDone    chunks it did (work and checkpoint committed)
 * @param rowsDone      rows in those chunks
 * @param chunksRunning chunks it holds right now
 */
public record WorkerInfo(String id, String host, long pid, Role role, int threads, Instant startedAt, Instant lastHeartbeat,
                         Instant leftAt, long chunksDone, long rowsDone, long chunksRunning, State state) {

    /** Whether the process started the run or joined it. */
    public enum Role {
        /** Started (or resumed) the run: {@code validate}/{@code update} with {@code --distributed}. */
        PLANNER,
        /** Joined it: {@code rowsweep worker}. */
        WORKER
    }

    /** Whether the process takes part now. */
    public enum State {
        /** Its heartbeat is fresh. */
        ACTIVE,
        /** It left: the run ended for it, or it was stopped. */
        LEFT,
        /** Silent for four heartbeat intervals without leaving: it died or lost the database; others redo its chunks. */
        LOST
    }
}
