package io.rowsweep.report.internal;

import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.core.state.ProblemGroup;
import io.rowsweep.core.state.RunRecord;
import io.rowsweep.report.Console;
import io.rowsweep.report.ConsoleActions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live console's pages besides a job's own (which is its run report, drawn live): the list of
 * jobs, and the page that says why something cannot be shown. Same look as the report: inline CSS,
 * no script; a page reloads itself while something runs.
 */
public final class ConsolePages {

    static final int LIST_REFRESH_SECONDS = 5;

    private ConsolePages() {
    }

    /**
     * What a page's forms need: the jobs that can be started here (none on a read-only console), and
     * the hidden fields every form carries back (the host's CSRF token, the console's own token).
     */
    public record Forms(List<String> startable, Map<String, String> hidden, boolean readOnly,
                        Map<String, List<ConsoleActions.Parameter>> parameters) {

        public Forms {
            startable = List.copyOf(startable);
            hidden = Map.copyOf(hidden);
            parameters = Map.copyOf(parameters);
        }

        public Forms(List<String> startable, Map<String, String> hidden, boolean readOnly) {
            this(startable, hidden, readOnly, Map.of());
        }

        /** A form that POSTs to {@code action} (relative to the page) with one button. */
        String button(String action, String label, String tone) {
            return form(action, label, tone, List.of());
        }

        /** The form that starts {@code job}: an input per parameter it takes, then its button. */
        String start(String action, String job, String label) {
            return form(action, label, "primary", parameters.getOrDefault(job, List.of()));
        }

        private String form(String action, String label, String tone, List<ConsoleActions.Parameter> inputs) {
            StringBuilder f = new StringBuilder("<form method=\"post\" action=\"").append(Html.esc(action)).append("\">");
            hidden.forEach((k, v) -> f.append("<input type=\"hidden\" name=\"").append(Html.esc(k)).append("\" value=\"")
                    .append(Html.esc(v)).append("\">"));
            inputs.forEach(p -> input(f, p));
            return f.append("<button type=\"submit\" class=\"").append(tone).append("\">").append(Html.esc(label))
                    .append("</button></form>").toString();
        }

        /** {@code units [1]}: a labelled input; the server checks the value, the input type only helps the browser. */
        private static void input(StringBuilder f, ConsoleActions.Parameter p) {
            String name = Console.PARAMETER_FIELD + p.name();
            String title = p.type() + (p.required() ? ", required" : "") + (p.description() == null ? "" : ": " + p.description());
            f.append("<label class=\"parameter\" title=\"").append(Html.esc(title)).append("\" style=\"margin-right:8px;color:#4b5563\">")
                    .append(Html.esc(p.name())).append(' ');
            String style = " style=\"font:inherit;padding:4px 6px;border:1px solid #d1d5db;border-radius:6px;width:";
            if (p.type().equals("boolean")) {
                f.append("<select name=\"").append(Html.esc(name)).append('"').append(style).append("6em\">");
                if (!p.required() && p.value() == null) {
                    f.append("<option value=\"\"></option>");
                }
                for (String v : List.of("true", "false")) {
                    f.append("<option").append(v.equals(p.value()) ? " selected" : "").append('>').append(v).append("</option>");
                }
                f.append("</select></label>");
                return;
            }
            String type = switch (p.type()) {
                case "integer", "long" -> "number\" step=\"1";
                case "date" -> "date";
                default -> "text";
            };
            f.append("<input type=\"").append(type).append("\" name=\"").append(Html.esc(name)).append('"');
            if (p.value() != null) {
                f.append(" value=\"").append(Html.esc(p.value())).append('"');
            }
            if (p.required()) {
                f.append(" required");
            }
            f.append(style).append(p.type().equals("instant") ? "14em" : p.type().equals("string") ? "12em" : "8em").append("\"></label>");
        }
    }

    /** The jobs in the database, newest first, each linked to its page at {@code jobs/NAME}; then the jobs that can be started here. */
    public static String jobs(List<JobRecord> jobs, Forms forms, String place, Instant now, ZoneId zone) {
        boolean running = jobs.stream().anyMatch(j -> LiveRun.alive(j, now));
        StringBuilder h = head("rowsweep console", running ? LIST_REFRESH_SECONDS : 0);
        h.append("<header><div class=\"eyebrow\">rowsweep console</div><div class=\"title\"><h1>Jobs</h1></div><p class=\"meta\">")
                .append(Html.esc(place)).append("</p></header>");
        if (!forms.startable().isEmpty()) {
            h.append("<section><h2>Declared jobs</h2><p class=\"hint\">Jobs this application declares; starting one runs it here,"
                    + " and its page shows how it goes.</p><table class=\"grid\"><tbody>");
            for (String name : forms.startable()) {
                Optional<JobRecord> r = jobs.stream().filter(j -> j.name().equals(name)).findFirst();
                String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
                h.append("<tr><td><a href=\"jobs/").append(Html.esc(encoded)).append("\">").append(Html.esc(name)).append("</a></td><td>")
                        .append(r.map(j -> "last run: " + LiveRun.status(j, now)).orElse("never run")).append("</td><td class=\"n\">");
                if (r.isEmpty() || !LiveRun.alive(r.get(), now)) {
                    h.append(forms.start("jobs/" + encoded + "/start", name, "Start"));
                }
                h.append("</td></tr>");
            }
            h.append("</tbody></table></section>");
        }
        h.append("<section>");
        if (jobs.isEmpty()) {
            h.append("<p class=\"empty\">No rowsweep jobs here yet. Start one with <code>rowsweep validate</code> or"
                    + " <code>rowsweep update</code> (with <code>--job NAME</code> to name it).</p>");
        } else {
            h.append("<table class=\"grid jobs\"><thead><tr><th>Job</th><th>Kind</th><th class=\"n\">Run</th><th>Status</th>")
                    .append("<th>Started</th><th>Last seen</th></tr></thead><tbody>");
            for (JobRecord j : jobs.stream().sorted((a, b) -> Long.compare(b.startedAt(), a.startedAt())).toList()) {
                String status = LiveRun.status(j, now);
                String seen = j.finishedAt() != null ? "finished " + Format.ago(Instant.ofEpochMilli(j.finishedAt()), now)
                        : Format.ago(Instant.ofEpochMilli(j.heartbeatAt()), now);
                h.append("<tr><td><a href=\"jobs/").append(Html.esc(URLEncoder.encode(j.name(), StandardCharsets.UTF_8))).append("\">")
                        .append(Html.esc(j.name())).append("</a></td><td>").append(Html.esc(j.kind())).append("</td><td class=\"n\">")
                        .append(j.run()).append("</td><td><span class=\"status status-").append(status.replace(' ', '_')).append("\">")
                        .append(Html.esc(status)).append("</span></td><td>").append(Format.time(Instant.ofEpochMilli(j.startedAt()), zone))
                        .append("</td><td>").append(Html.esc(seen)).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        h.append("</section>");
        return foot(h, now, zone, running ? LIST_REFRESH_SECONDS : 0);
    }

    /**
     * The page of a job declared here that has never run: its name and a start button (with its
     * parameters' inputs).
     *
     * @param running whether the job is running where it was started (its state not written yet)
     */
    public static String notRunYet(String job, Forms forms, boolean running, Instant now, ZoneId zone) {
        // reloads: a start from this page's button lands here before the job's first state is written; not while someone
        // may be typing a parameter's value
        int refresh = running || forms.parameters().getOrDefault(job, List.of()).isEmpty() ? LiveRun.REFRESH_SECONDS : 0;
        StringBuilder h = head("rowsweep console · " + job, refresh);
        h.append("<header><div class=\"eyebrow\"><a href=\"../\">rowsweep console</a> · job</div><div class=\"title\"><h1>")
                .append(Html.esc(job)).append("</h1><span class=\"status status-already_done\">never run</span></div>")
                .append("<div class=\"controls\">").append(forms.start(URLEncoder.encode(job, StandardCharsets.UTF_8) + "/start", job,
                        "Start")).append("</div></header><section><p class=\"empty\">This job is declared here and has not run yet.</p>")
                .append("</section>");
        return foot(h, now, zone, refresh);
    }

    /**
     * The buttons of a job's page: pause, resume and cancel for a run that has not ended (when
     * {@code controllable}), start for a job declared here that is not running, and retry for one
     * whose run ended failed, stopped or cancelled with {@code failedChunks}.
     */
    public static String controls(JobRecord job, boolean alive, boolean controllable, Forms forms, long failedChunks) {
        String base = URLEncoder.encode(job.name(), StandardCharsets.UTF_8) + "/";
        StringBuilder b = new StringBuilder();
        boolean notEnded = job.status() == JobStatus.RUNNING || job.status() == JobStatus.PAUSED;
        if (controllable && !forms.readOnly() && notEnded && job.requested() != ControlRequest.CANCEL) {
            boolean held = job.status() == JobStatus.PAUSED || job.requested() == ControlRequest.PAUSE;
            b.append(held ? forms.button(base + "resume", "Resume", "primary") : forms.button(base + "pause", "Pause", ""));
            b.append(forms.button(base + "cancel", "Cancel", "danger"));
        }
        boolean declared = forms.startable().contains(job.name());
        boolean unfinished = job.status() == JobStatus.FAILED || job.status() == JobStatus.STOPPED || job.status() == JobStatus.CANCELLED;
        if (declared && unfinished && failedChunks > 0) {
            b.append(forms.button(base + "retry", "Retry failed chunks", "primary"));
        }
        if (declared && !(notEnded && alive)) {
            b.append(forms.start(base + "start", job.name(), notEnded ? "Start" : "Start again"));
        }
        return b.toString();
    }

    /** The job's runs, the latest first: who started each, when, how it ended, and the last pause, resume or cancel asked of it. */
    public static String history(List<RunRecord> runs, ZoneId zone) {
        if (runs.isEmpty()) {
            return "";
        }
        boolean parameters = runs.stream().anyMatch(r -> !r.parameters().isEmpty());
        StringBuilder h = new StringBuilder("<section><h2>Runs</h2><table class=\"grid\"><thead><tr><th class=\"n\">Run</th>"
                + "<th>Started by</th><th>Started</th><th>Finished</th><th>Status</th>" + (parameters ? "<th>Parameters</th>" : "")
                + "<th class=\"n\">Rows</th><th class=\"n\">Chunks</th><th class=\"n\">Failed</th><th>Last request</th></tr></thead><tbody>");
        for (RunRecord r : runs) {
            h.append("<tr><td class=\"n\">").append(r.run()).append("</td><td>").append(Html.esc(r.startedBy() + "@" + r.startedHost()))
                    .append("</td><td>").append(Format.time(Instant.ofEpochMilli(r.startedAt()), zone)).append("</td><td>")
                    .append(r.finishedAt() == null ? "" : Format.time(Instant.ofEpochMilli(r.finishedAt()), zone)).append("</td><td>")
                    .append(r.status().name().toLowerCase(java.util.Locale.ROOT)).append("</td>");
            if (parameters) {
                h.append("<td class=\"parameters\">").append(Html.esc(r.parameters().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))).append("</td>");
            }
            h.append("<td class=\"n\">")
                    .append(Format.count(r.rows())).append("</td><td class=\"n\">").append(Format.count(r.chunksDone()))
                    .append("</td><td class=\"n\">").append(Format.count(r.chunksFailed())).append("</td><td>");
            if (r.lastRequest() != null) {
                h.append(Html.esc(r.lastRequest().toLowerCase(java.util.Locale.ROOT) + " by " + r.requestedBy()));
                if (r.requestedAt() != null) {
                    h.append(", ").append(Format.time(Instant.ofEpochMilli(r.requestedAt()), zone));
                }
            }
            h.append("</td></tr>");
        }
        return h.append("</tbody></table></section>").toString();
    }

    /**
     * The problems the job's done chunks found, by table, column and kind, the most frequent first,
     * with example rows: a validation's violations by constraint. Past the first
     * {@link #MAX_GROUPS_SHOWN}, the rest are summed in one line.
     */
    public static String problemGroups(List<ProblemGroup> groups, String kind) {
        if (groups.isEmpty()) {
            return "";
        }
        boolean validation = "validate".equals(kind);
        StringBuilder h = new StringBuilder("<section class=\"problems\"><h2>").append(validation ? "Violations by constraint" : "Problems by kind")
                .append("</h2><p class=\"hint\">Counted in every chunk done so far, with the first rows of each");
        if (groups.size() > MAX_GROUPS_SHOWN) {
            h.append("; the ").append(MAX_GROUPS_SHOWN).append(" most frequent of ").append(Format.count(groups.size())).append(" kinds");
        }
        h.append(". ").append(validation ? "The run's violations file (or, for a distributed run, the <code>rowsweep_violation</code> table) has every one." : "")
                .append("</p><table class=\"grid\"><thead><tr><th>Table</th><th>Column</th><th>")
                .append(validation ? "Constraint" : "Kind").append("</th><th class=\"n\">Count</th><th>Example rows</th></tr></thead><tbody>");
        for (ProblemGroup g : groups.subList(0, Math.min(groups.size(), MAX_GROUPS_SHOWN))) {
            h.append("<tr><td>").append(Html.esc(g.table())).append("</td><td>").append(g.column() == null ? "<span class=\"muted\">(row)</span>"
                    : Html.esc(g.column())).append("</td><td>").append(Html.esc(g.kind())).append("</td><td class=\"n\">")
                    .append(Format.count(g.count())).append("</td><td class=\"samples\">");
            for (ProblemGroup.Sample sample : g.samples()) {
                h.append("<div><code>").append(Html.esc(sample.key())).append("</code>");
                if (sample.value() != null) {
                    h.append(" = <code>").append(Html.esc(sample.value())).append("</code>");
                }
                h.append(": ").append(Html.esc(sample.message())).append("</div>");
            }
            h.append("</td></tr>");
        }
        h.append("</tbody>");
        if (groups.size() > MAX_GROUPS_SHOWN) {
            long rest = groups.subList(MAX_GROUPS_SHOWN, groups.size()).stream().mapToLong(ProblemGroup::count).sum();
            h.append("<tfoot><tr><td colspan=\"3\">Other kinds</td><td class=\"n\">").append(Format.count(rest))
                    .append("</td><td></td></tr></tfoot>");
        }
        return h.append("</table></section>").toString();
    }

    /** The kinds of problem a job page lists at most. */
    static final int MAX_GROUPS_SHOWN = 50;

    /**
     * A page that says, in one sentence, what cannot be shown and what to do about it.
     *
     * @param home the console's list of jobs relative to the page ({@link #home})
     */
    public static String problem(String home, String title, String message, Instant now, ZoneId zone) {
        StringBuilder h = head("rowsweep console · " + title, 0);
        h.append("<header><div class=\"eyebrow\"><a href=\"").append(Html.esc(home)).append("\">rowsweep console</a></div><div class=\"title\"><h1>")
                .append(Html.esc(title)).append("</h1></div></header><section><p class=\"problem\">").append(Html.esc(message))
                .append("</p></section>");
        return foot(h, now, zone, 0);
    }

    /**
     * The console's list of jobs relative to the page at {@code path} (raw, as requested: a name's
     * slash is encoded), so the link works wherever the host mounts the console.
     */
    public static String home(String path) {
        int depth = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth == 0 ? "./" : "../".repeat(depth);
    }

    private static StringBuilder head(String title, int refreshSeconds) {
        StringBuilder h = new StringBuilder(8 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(Html.esc(title))
                .append("</title>");
        if (refreshSeconds > 0) {
            h.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
        }
        return h.append("<style>").append(HtmlReport.CSS).append("</style></head><body><main>");
    }

    private static String foot(StringBuilder h, Instant now, ZoneId zone, int refreshSeconds) {
        h.append("<footer>rowsweep ").append(Html.esc(Version.get())).append(" · ").append(Format.time(now, zone)).append(' ')
                .append(Html.esc(zone.getId()));
        if (refreshSeconds > 0) {
            h.append(" · reloads every ").append(Format.duration(Duration.ofSeconds(refreshSeconds))).append(" while anything can change");
        }
        return h.append("</footer></main></body></html>\n").toString();
    }
}
