package io.rowsweep.report;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.core.spi.job.ChunkOutcome;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ChunkStatus;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStateConnection;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.core.state.ProblemGroup;
import io.rowsweep.report.internal.ConsolePages;
import io.rowsweep.report.internal.HtmlReport;
import io.rowsweep.report.internal.LiveRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The live console's pages, for any HTTP server to serve: {@code rowsweep console}'s own, or a
 * Spring Boot application's. It reads the job state on every request, so it shows the runs of any
 * process on any host: {@code /} lists the jobs, {@code /jobs/NAME} is a job's run report drawn
 * live, with buttons to pause, resume or cancel a run that has not ended. Paths are relative to where the host mounts the console; links in the pages are relative,
 * so any mount point works. Immutable: each {@code with…} method returns a new console.
 *
 * <p>It has no authentication of its own: its host protects it (Spring Security, or the loopback
 * interface). Actions (pause, resume, cancel, starting a declared job) are POSTed forms; a {@link #formToken} makes
 * them carry a secret, for hosts with no CSRF protection of their own.
 */
public final class Console {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    /** The form field that carries {@link #formToken}. */
    public static final String TOKEN_FIELD = "rowsweep-token";
    /** The prefix of a start form's fields that carry a job's parameters: {@code parameter.units}. */
    public static final String PARAMETER_FIELD = "parameter.";

    private final DataSource dataSource;
    private final String stateSchema;
    private final String stateUrl;
    private final String place;
    private final boolean readOnly;
    private final ConsoleActions actions;
    private final String formToken;
    private final Function<SQLException, RuntimeException> describe;
    private final Clock clock;
    private final ZoneId zone;

    private Console(DataSource dataSource, String stateSchema, String stateUrl, String place, boolean readOnly, ConsoleActions actions,
                    String formToken, Function<SQLException, RuntimeException> describe, Clock clock, ZoneId zone) {
        this.dataSource = dataSource;
        this.stateSchema = stateSchema;
        this.stateUrl = stateUrl;
        this.place = place;
        this.readOnly = readOnly;
        this.actions = actions;
        this.formToken = formToken;
        this.describe = describe;
        this.clock = clock;
        this.zone = zone;
    }

    /** A read-only console of the jobs whose state is in {@code dataSource}'s database. */
    public static Console of(DataSource dataSource) {
        return new Console(Objects.requireNonNull(dataSource, "dataSource"), null, null, "this database", false, ConsoleActions.NONE, null,
                e -> new IllegalStateException(e.getMessage(), e), Clock.systemUTC(), ZoneId.systemDefault());
    }

    /** Where the job state tables are (the jobs' {@code state-schema}); null for the connection's schema. */
    public Console withStateSchema(String schema) {
        return new Console(dataSource, schema, stateUrl, place, readOnly, actions, formToken, describe, clock, zone);
    }

    /** The jobs' {@code state-url}, for validations of read-only targets that kept their state elsewhere; null for none. */
    public Console withStateUrl(String url) {
        return new Console(dataSource, stateSchema, url, place, readOnly, actions, formToken, describe, clock, zone);
    }

    /** How the pages name the database (no password in it). */
    public Console withPlace(String name) {
        return new Console(dataSource, stateSchema, stateUrl, Objects.requireNonNull(name, "place"), readOnly, actions, formToken, describe,
                clock, zone);
    }

    /** What the console may do; {@link ConsoleActions#NONE} by default. */
    public Console withActions(ConsoleActions a) {
        return new Console(dataSource, stateSchema, stateUrl, place, readOnly, Objects.requireNonNull(a, "actions"), formToken, describe,
                clock, zone);
    }

    /** Shows without any button, and refuses every action with 403, whatever its actions could do. */
    public Console withReadOnly(boolean on) {
        return new Console(dataSource, stateSchema, stateUrl, place, on, actions, formToken, describe, clock, zone);
    }

    /** A secret every action's form carries in {@link #TOKEN_FIELD}, and without which an action is refused (403); null for none. */
    public Console withFormToken(String token) {
        return new Console(dataSource, stateSchema, stateUrl, place, readOnly, actions, token, describe, clock, zone);
    }

    /** Turns a database error into the one-line message the pages show. */
    public Console withErrors(Function<SQLException, RuntimeException> describer) {
        return new Console(dataSource, stateSchema, stateUrl, place, readOnly, actions, formToken, Objects.requireNonNull(describer),
                clock, zone);
    }

    /** The time zone the pages show times in; the JVM's by default. */
    public Console withZone(ZoneId z) {
        return new Console(dataSource, stateSchema, stateUrl, place, readOnly, actions, formToken, describe, clock, Objects.requireNonNull(z));
    }

    public boolean readOnly() {
        return readOnly;
    }

    /**
     * The page at {@code path} ({@code /}, {@code /jobs/NAME}, raw: percent-encoded).
     *
     * @param hiddenFields fields every form on the page carries back, such as the host's CSRF token
     */
    public ConsoleResponse get(String path, Map<String, String> hiddenFields) {
        Instant now = clock.instant();
        try {
            return show(path, hiddenFields, now);
        } catch (RuntimeException e) {
            LOG.warn("Console: {} failed: {}", path, e.getMessage());
            return ConsoleResponse.page(503, ConsolePages.problem(ConsolePages.home(path), "Cannot read the job state", e.getMessage(), now, zone));
        }
    }

    /**
     * Carries out the action at {@code path} ({@code /jobs/NAME/pause}, {@code resume}, {@code cancel},
     * {@code start}, {@code retry}) with the form's {@code fields} (a start's parameters in
     * {@link #PARAMETER_FIELD}{@code NAME} fields); a request that does not apply (pausing a
     * finished run, starting a running job, retrying a completed one) is refused with 409, a
     * parameter value that is not one with 400, and changes nothing.
     */
    public ConsoleResponse post(String path, Map<String, String> fields) {
        Instant now = clock.instant();
        String home = ConsolePages.home(path);
        String[] parts = jobPath(path);
        if (parts == null || parts.length != 2) {
            return ConsoleResponse.page(404, ConsolePages.problem(home, "Not found", "There is no action at " + path
                    + ": actions are at /jobs/NAME/ACTION.", now, zone));
        }
        String job = parts[0];
        String action = parts[1];
        if (readOnly) {
            return ConsoleResponse.page(403, ConsolePages.problem(home, "Read-only", "This console is read-only: it does not " + action
                    + " jobs. Nothing was changed.", now, zone));
        }
        if (formToken != null && !sameToken(formToken, fields.get(TOKEN_FIELD))) {
            return ConsoleResponse.page(403, ConsolePages.problem(home, "Not allowed", "The form did not come from this console (its token is"
                    + " missing or wrong): reload the page and try again. Nothing was changed.", now, zone));
        }
        try {
            switch (action) {
                case "start" -> actions.start(job, parameters(fields));
                case "retry" -> actions.retry(job);
                case "pause", "resume", "cancel" -> {
                    if (stateUrl != null) {
                        return ConsoleResponse.page(409, ConsolePages.problem(home, "Cannot " + action + " " + job, "This console reads the job"
                                + " state from --state-url, where runs are not controlled from; use rowsweep " + action + " there.", now, zone));
                    }
                    JobControl control = JobControl.of(dataSource, stateSchema);
                    switch (action) {
                        case "pause" -> control.pause(job);
                        case "resume" -> control.resume(job);
                        default -> control.cancel(job);
                    }
                }
                default -> {
                    return ConsoleResponse.page(404, ConsolePages.problem(home, "Not found", "There is no action '" + action
                            + "': the console can pause, resume or cancel a job, and start or retry a declared one.", now, zone));
                }
            }
        } catch (ConsoleActions.Refused e) {
            return ConsoleResponse.page(e.status(), ConsolePages.problem(home, "Cannot " + action + " " + job, e.getMessage(), now, zone));
        } catch (RowSweepException e) {
            return ConsoleResponse.page(409, ConsolePages.problem(home, "Cannot " + action + " " + job, e.getMessage(), now, zone));
        }
        return ConsoleResponse.seeOther("jobs/" + URLEncoder.encode(job, StandardCharsets.UTF_8));
    }

    /** The values a start form gave for the job's parameters, by name. */
    private static Map<String, String> parameters(Map<String, String> fields) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith(PARAMETER_FIELD)) {
                values.put(name.substring(PARAMETER_FIELD.length()), value);
            }
        });
        return values;
    }

    private ConsoleResponse show(String path, Map<String, String> hiddenFields, Instant now) {
        String home = ConsolePages.home(path);
        List<String> startable = readOnly ? List.of() : actions.startable();
        Map<String, List<ConsoleActions.Parameter>> parameters = new java.util.LinkedHashMap<>();
        startable.forEach(job -> parameters.put(job, actions.parameters(job)));
        ConsolePages.Forms forms = new ConsolePages.Forms(startable, hiddenFields(hiddenFields), readOnly, parameters);
        if (path.equals("/") || path.isEmpty()) {
            return read(null, state -> ConsoleResponse.page(200, ConsolePages.jobs(state == null ? List.of() : state.jobs(), forms, place,
                    now, zone)));
        }
        String[] parts = jobPath(path);
        if (parts == null || parts.length != 1) {
            return ConsoleResponse.page(404, ConsolePages.problem(home, "Not found", "Nothing is at " + path
                    + ": the console shows the jobs at / and a job at /jobs/NAME.", now, zone));
        }
        String job = parts[0];
        return read(job, state -> {
            Optional<JobRecord> record = state == null ? Optional.empty() : state.job(job);
            if (record.isEmpty()) {
                if (forms.startable().contains(job)) { // declared here, never run yet
                    return ConsoleResponse.page(200, ConsolePages.notRunYet(job, forms, actions.running(job), now, zone));
                }
                List<JobRecord> known = state == null ? List.of() : state.jobs();
                return ConsoleResponse.page(404, ConsolePages.problem(home, "No job named " + job, "There is no job named '" + job + "' in "
                        + place + ". " + (known.isEmpty() ? "There are no jobs there yet." : "Known jobs: "
                        + known.stream().map(JobRecord::name).collect(Collectors.joining(", ")) + "."), now, zone));
            }
            JobRecord r = record.get();
            List<ChunkRecord> chunks = state.chunks(job);
            long failed = chunks.stream().filter(c -> c.status() == ChunkStatus.FAILED).count();
            String controls = ConsolePages.controls(r, LiveRun.alive(r, now), stateUrl == null, forms, failed);
            String history = ConsolePages.history(state.history(job), zone);
            // last: on state tables without the column, the failed read ends no other
            String appendix = ConsolePages.problemGroups(problemGroups(state, job), r.kind()) + history;
            return ConsoleResponse.page(200, HtmlReport.render(LiveRun.of(r, state.tables(job), chunks, now, controls, appendix), zone));
        });
    }

    /** The job's problems by kind; none from state tables an older rowsweep made and this user may not alter. */
    private static List<ProblemGroup> problemGroups(JobStateReader state, String job) {
        try {
            return state.problemGroups(job, SAMPLES);
        } catch (SQLException e) {
            LOG.debug("Console: no problem groups for {}: {}", job, e.getMessage());
            return List.of();
        }
    }

    /** Example rows shown per kind of problem. */
    private static final int SAMPLES = ChunkOutcome.MAX_SAMPLES;

    private Map<String, String> hiddenFields(Map<String, String> host) {
        if (formToken == null) {
            return host;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(host);
        all.put(TOKEN_FIELD, formToken);
        return all;
    }

    /** {@code /jobs/NAME[/ACTION]} as {NAME[, ACTION]}, the name decoded; null for any other path. */
    private static String[] jobPath(String path) {
        if (!path.startsWith("/jobs/")) {
            return null;
        }
        String[] parts = path.substring("/jobs/".length()).split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            return null;
        }
        parts[0] = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        return parts;
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code render} on the job state (null when it has no tables yet), read on a connection of its own. */
    private ConsoleResponse read(String job, Render render) {
        try (Connection target = dataSource.getConnection();
             JobStateConnection where = JobStateConnection.open(target, stateUrl, stateSchema, job)) {
            JobStateReader state = where.reader();
            return render.on(state.exists() ? state : null);
        } catch (SQLException e) {
            throw describe.apply(e);
        }
    }

    @FunctionalInterface
    private interface Render {
        ConsoleResponse on(JobStateReader state) throws SQLException;
    }
}
