package io.rowsweep.report;

import java.util.List;

/**
 * What a console may do besides showing jobs, given by whoever serves it: an application with
 * declared jobs can start them. A console without actions only shows.
 */
public interface ConsoleActions {

    /** No actions: a console that only shows jobs. */
    ConsoleActions NONE = new ConsoleActions() {
    };

    /** The jobs this console can start, by name (an application's declared jobs). */
    default List<String> startable() {
        return List.of();
    }

    /**
     * Starts {@code job} and returns at once (the run goes on elsewhere, and its page shows it).
     *
     * @throws Refused when it cannot be started now; nothing was started
     */
    default void start(String job) {
        throw new Refused(404, "This console cannot start jobs: '" + job + "' is not declared here.");
    }

    /** A request the console cannot carry out, with the HTTP status that says why; nothing was changed. */
    final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        /** @param status a 4xx status: 404 for a job that is not there, 409 for one whose state does not allow it */
        public Refused(int status, String message) {
            super(message);
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("A refusal is a 4xx status, not " + status);
            }
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
