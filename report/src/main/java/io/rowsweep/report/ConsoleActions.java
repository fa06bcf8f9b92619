package io.rowsweep.report;

import java.util.List;
import java.util.Map;

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

    /**
     * The parameters {@code job} takes at a start, one input each in its start form; none by default.
     */
    default List<Parameter> parameters(String job) {
        return List.of();
    }

    /**
     * Starts {@code job} with the values its start form gave for its {@link #parameters}, by name,
     * as text; by default {@link #start(String)} when none were given.
     *
     * @throws Refused when it cannot be started now (400 for a value that is not one the parameter takes); nothing was started
     */
    default void start(String job, Map<String, String> parameters) {
        if (!parameters.isEmpty()) {
            throw new Refused(400, "Job '" + job + "' takes no parameters, and " + String.join(", ", parameters.keySet())
                    + " were given. Nothing was started.");
        }
        start(job);
    }

    /** Whether {@code job} is running where this console starts jobs (its page then reloads until the job state shows the run). */
    default boolean running(String job) {
        return false;
    }

    /**
     * Finishes {@code job}'s unfinished run (failed or stopped): starts it again, resuming, with
     * the parameters that run was started with, so its failed chunks are done again and its done
     * ones are not.
     *
     * @throws Refused when there is nothing to retry (409: running, completed, never run); nothing was started
     */
    default void retry(String job) {
        throw new Refused(404, "This console cannot retry jobs: '" + job + "' is not declared here.");
    }

    /**
     * A parameter of a job's start form.
     *
     * @param name        its name, which its input carries (prefixed with {@link Console#PARAMETER_FIELD})
     * @param type        what it takes: {@code integer}, {@code long}, {@code decimal}, {@code string}, {@code boolean},
     *                    {@code date}, {@code instant}
     * @param value       the input's initial value (its default), or null for none
     * @param required    whether a start must give it
     * @param description what it means, or null
     */
    record Parameter(String name, String type, String value, boolean required, String description) {
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
