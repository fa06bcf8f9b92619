package io.rowsweep.core.internal.exec;

import io.rowsweep.core.RunStatus;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why the workers should stop taking chunks. The first reason wins. Graceful reasons let running
 * chunks finish; {@link Reason#ABORTED} makes them give up and roll back.
 */
final class StopSignal {

    enum Reason {
        /** Ctrl-C, SIGTERM, or the caller's thread was interrupted. */
        INTERRUPTED,
        /** A chunk failed for good with on-error=stop. */
        FAILED,
        /** The database stayed unreachable past the retry deadline. */
        UNAVAILABLE,
        /** A second stop request: running chunks roll back now. */
        ABORTED
    }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private volatile boolean aborted;

    void request(Reason r) {
        if (r == Reason.ABORTED) {
            aborted = true;
            reason.compareAndSet(null, Reason.INTERRUPTED);
            return;
        }
        reason.compareAndSet(null, r);
    }

    /** A stop asked for from outside the workers (Ctrl-C, the caller): the first lets running chunks finish, a second aborts them. */
    void requestStop() {
        request(stopping() ? Reason.ABORTED : Reason.INTERRUPTED);
    }

    /**
     * Null while the run goes on; once it stops, how it ends: FAILED when a chunk failed with
     * on-error=stop or the database stayed unreachable, STOPPED when it was asked to stop.
     */
    RunStatus runStatus() {
        Reason r = reason.get();
        if (r == null) {
            return null;
        }
        return r == Reason.INTERRUPTED ? RunStatus.STOPPED : RunStatus.FAILED;
    }

    boolean stopping() {
        return reason.get() != null;
    }

    boolean aborted() {
        return aborted;
    }

    Reason reason() {
        return reason.get();
    }
}
