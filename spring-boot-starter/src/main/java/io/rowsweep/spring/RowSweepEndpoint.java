package io.rowsweep.spring;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.Progress;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.core.state.JobRecord;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /actuator/rowsweep}: the declared jobs and their runs, and actions on a job.
 *
 * <ul>
 *   <li>{@code GET /actuator/rowsweep}: every declared job, its run in this application (with live
 *       progress) and its job state;</li>
 *   <li>{@code GET /actuator/rowsweep/{job}}: one job (404 when none has that name);</li>
 *   <li>{@code POST /actuator/rowsweep/{job}/{action}}: an {@link Action} on the job;
 *       {@code start} answers 202 Accepted at once, the run going on in the background, 404 for a
 *       job that is not declared, 409 for one that is running already, 400 for a parameter value
 *       that is not one (the values from the JSON body or query parameters); {@code retry} resumes
 *       the job's unfinished run with its parameters (409 when there is none); {@code pause},
 *       {@code resume} and {@code cancel} act on the job's run wherever it runs (202, the request
 *       recorded), 409 when the request does not apply (pausing a finished run).</li>
 * </ul>
 */
@WebEndpoint(id = "rowsweep")
public class RowSweepEndpoint {

    /** What {@code POST /actuator/rowsweep/{job}/{action}} can do to a job. */
    public enum Action {
        /** Starts the job (or resumes its interrupted run) in the background. */
        START,
        /** Asks the job's run to pause: no process takes another chunk; the running chunks commit. */
        PAUSE,
        /** Resumes a paused run where it stopped. */
        RESUME,
        /** Asks the job's run to end as cancelled; its progress is kept. */
        CANCEL,
        /**
         * Finishes the job's unfinished run (failed, stopped, cancelled): resumes it with the
         * parameters it was started with, redoing its failed chunks and not its done ones.
         */
        RETRY;

        String path() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Action of(String path) {
            for (Action a : values()) {
                if (a.path().equals(path)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** The endpoint's id: its path below the actuator's. */
    public static final String ID = "rowsweep";
    /**
     * The request's arguments that are not the operation's own (query parameters, form fields and
     * the JSON body's members: a start's parameter values), set by {@link ArgumentsAdvisor} while
     * it invokes a write operation in the request's thread. Not a parameter of {@link #act}: any
     * parameter besides its selectors would make the actuator refuse a POST without a JSON body (415).
     */
    static final ThreadLocal<Map<String, Object>> ARGUMENTS = new ThreadLocal<>();

    private final RowSweepJobs jobs;

    public RowSweepEndpoint(RowSweepJobs jobs) {
        this.jobs = jobs;
    }

    @ReadOperation
    public Map<String, Object> jobs() throws SQLException {
        List<Map<String, Object>> views = new ArrayList<>();
        for (JobReport report : jobs.reports()) {
            views.add(view(report));
        }
        return Map.of("jobs", views);
    }

    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> job(@Selector String job) throws SQLException {
        return jobs.report(job).map(r -> new WebEndpointResponse<>(view(r)))
                .orElseGet(() -> refusal(WebEndpointResponse.STATUS_NOT_FOUND, job, "No rowsweep job is named '" + job
                        + "'. Declared jobs: " + jobs.declared().stream().map(RowSweepJob::name).collect(Collectors.joining(", ")) + "."));
    }

    /**
     * An action on a job. A start takes the values of the job's parameters from the request's
     * query parameters, form fields or JSON body ({@code {"units": 5}}, {@code ?units=5}); other
     * actions take none.
     */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> act(@Selector String job, @Selector String action) {
        Map<String, Object> arguments = ARGUMENTS.get();
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        Action a = Action.of(action);
        if (a == null) {
            return refusal(WebEndpointResponse.STATUS_BAD_REQUEST, job, "'" + action + "' is not an action on a job; actions: "
                    + Arrays.stream(Action.values()).map(Action::path).collect(Collectors.joining(", ")) + ".");
        }
        try {
            if (a != Action.START && !given.isEmpty()) {
                return refusal(WebEndpointResponse.STATUS_BAD_REQUEST, job, a.path() + " takes no parameters, and "
                        + String.join(", ", new java.util.TreeSet<>(given.keySet())) + " were given: parameters are a start's"
                        + " (POST /actuator/rowsweep/" + job + "/start). Nothing was changed.");
            }
            return switch (a) {
                case START -> started(job, Action.START, jobs.start(job, given));
                case RETRY -> started(job, Action.RETRY, jobs.retry(job));
                case PAUSE, RESUME, CANCEL -> control(job, a);
            };
        } catch (JobStartRefusedException e) {
            return refusal(e.httpStatus(), job, e.getMessage());
        } catch (RowSweepException e) {
            return refusal(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, job, e.getMessage());
        }
    }

    private WebEndpointResponse<Map<String, Object>> started(String job, Action a, String started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", started);
        body.put("action", a.path());
        body.put("status", "started");
        jobs.lastRun(job).ifPresent(run -> body.put("parameters", run.parameters()));
        body.put("progress", "/actuator/rowsweep/" + started);
        return new WebEndpointResponse<>(body, 202);
    }

    /** Pause, resume or cancel: a request that does not apply is refused (409) before anything is written. */
    private WebEndpointResponse<Map<String, Object>> control(String job, Action a) {
        JobControl control = jobs.control();
        if (control.job(job).isEmpty()) {
            return refusal(WebEndpointResponse.STATUS_NOT_FOUND, job, "There is no run of a job named '" + job + "' to " + a.path()
                    + " in the job state.");
        }
        JobRecord after;
        try {
            after = switch (a) {
                case PAUSE -> control.pause(job);
                case RESUME -> control.resume(job);
                default -> control.cancel(job);
            };
        } catch (RowSweepException e) {
            if (e.code() != ErrorCode.USAGE) {
                throw e;
            }
            return refusal(409, job, e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", job);
        body.put("action", a.path());
        body.put("status", after.status().name().toLowerCase(Locale.ROOT));
        body.put("requested", after.requested() == null ? null : after.requested().name().toLowerCase(Locale.ROOT));
        body.put("progress", "/actuator/rowsweep/" + job);
        return new WebEndpointResponse<>(body, 202);
    }

    private static WebEndpointResponse<Map<String, Object>> refusal(int status, String job, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", job);
        body.put("error", message);
        return new WebEndpointResponse<>(body, status);
    }

    private Map<String, Object> view(JobReport report) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", report.name());
        v.put("kind", report.kind().tag());
        jobs.job(report.name()).filter(j -> !j.parameters().isEmpty()).ifPresent(j -> v.put("parameters", parameters(j.parameters())));
        v.put("failed", report.failed());
        if (report.failed()) {
            v.put("failure", report.failure());
        }
        JobRun run = report.lastRun();
        if (run != null) {
            v.put("run", run(run));
        }
        JobRecord state = report.state();
        if (state != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", state.status().name().toLowerCase(Locale.ROOT));
            s.put("requested", state.requested() == null ? null : state.requested().name().toLowerCase(Locale.ROOT));
            s.put("run", state.run());
            if (!state.parameters().isEmpty()) {
                s.put("parameters", state.parameters());
            }
            s.put("owner", state.owner());
            s.put("startedAt", Instant.ofEpochMilli(state.startedAt()).toString());
            s.put("finishedAt", state.finishedAt() == null ? null : Instant.ofEpochMilli(state.finishedAt()).toString());
            s.put("throttle", state.throttle());
            s.put("chunksDone", report.chunksDone());
            s.put("chunksFailed", report.chunksFailed());
            s.put("rowsDone", report.rowsDone());
            s.put("firstError", report.firstError());
            v.put("jobState", s);
        }
        return v;
    }

    /** The parameters a job takes: each with its type, default (or required) and description. */
    private static List<Map<String, Object>> parameters(JobParameters declared) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JobParameter<?> p : declared.list()) {
            list.add(parameter(p));
        }
        return list;
    }

    private static <T> Map<String, Object> parameter(JobParameter<T> p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type().tag());
        m.put("required", p.required());
        if (!p.required()) {
            m.put("default", p.format(p.defaultValue()));
        }
        if (p.description() != null) {
            m.put("description", p.description());
        }
        return m;
    }

    private static Map<String, Object> run(JobRun run) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("state", run.state());
        if (!run.parameters().isEmpty()) {
            r.put("parameters", run.parameters());
        }
        r.put("startedAt", run.startedAt().toString());
        r.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
        Progress p = run.progress();
        if (p != null) {
            r.put("rowsDone", p.rowsDone());
            r.put("rowsEstimated", p.rowsEstimated());
            r.put("percent", Math.round(p.fraction() * 1000) / 10.0);
            r.put("rowsPerSecond", Math.round(p.rowsPerSecond()));
            r.put("chunksDone", p.chunksDone());
            r.put("chunksFailed", p.chunksFailed());
            r.put("throttle", p.throttle());
        }
        RunSummary s = run.summary();
        if (s != null) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("status", s.status().name().toLowerCase(Locale.ROOT));
            summary.put("run", s.run());
            summary.put("resumed", s.resumed());
            summary.put("rows", s.rows());
            summary.put("affected", s.affected());
            summary.put("problems", s.problems());
            summary.put("seconds", s.elapsed().toMillis() / 1000.0);
            r.put("summary", summary);
        }
        if (run.violations() != null) {
            r.put("violations", run.violations().toAbsolutePath().toString());
        }
        r.put("error", run.error());
        return r;
    }
}
