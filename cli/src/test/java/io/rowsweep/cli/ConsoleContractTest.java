package io.rowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.OnError;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.report.Console;
import io.rowsweep.report.ConsoleActions;
import io.rowsweep.report.ConsoleServer;
import io.rowsweep.testkit.Chromium;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rowsweep console}: the pages of real runs' job state, over real HTTP, on each database. */
abstract class ConsoleContractTest {

    static final int ROWS = 4_000;
    static final long POISON = 3_333;
    static final Path OUT = Path.of("target", "console-test");

    final HttpClient http = HttpClient.newHttpClient();
    TestSchema db;
    HikariDataSource pool;
    ConsoleServer console;

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
        CountingJob.createTable(db, "orders", ROWS);
        CountingJob.createTable(db, "customers", ROWS / 4);
        pool = db.dataSource(2);
        console = ConsoleServer.start(Console.of(pool).withPlace("test database"), "127.0.0.1", 0);
    }

    @AfterEach
    void dropSchema() {
        if (console != null) {
            console.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    RunSummary runJob(String name, List<String> tables, long sleepMillisPerChunk) {
        SettingValues settings = SettingValues.defaults().with(SweepSettings.WORKERS, 2).with(SweepSettings.JOB, name)
                .with(SweepSettings.INITIAL_CHUNK_ROWS, 500).with(SweepSettings.MAX_CHUNK_ROWS, 1_000)
                .with(SweepSettings.ON_ERROR, OnError.SKIP_CHUNK)
                .with(SweepSettings.LATENCY_GUARD, LatencyGuard.OFF); // its slow start would make these small runs take a minute
        try (HikariDataSource jobPool = db.dataSource(3)) {
            return new SweepEngine(jobPool, settings, List.of(), Clock.systemUTC()).run(new CountingJob(tables, sleepMillisPerChunk, POISON));
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(console.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheJobsAndShowsEachOnesProgressChunksAndFailures() throws Exception {
        assertThat(get("/").body()).contains("No rowsweep jobs here yet");
        assertThat(runJob("nightly", List.of("orders", "customers"), 0).status()).isEqualTo(RunStatus.FAILED);
        CountingJob.createTable(db, "invoices", ROWS / 4);
        assertThat(runJob("invoices check", List.of("invoices"), 0).status()).isEqualTo(RunStatus.DONE);

        HttpResponse<String> list = get("/");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"jobs/nightly\"", "href=\"jobs/invoices+check\"", "status status-failed\"", "status status-done\"")
                .doesNotContain("http-equiv=\"refresh\""); // nothing runs

        HttpResponse<String> job = get("/jobs/nightly");
        assertThat(job.statusCode()).isEqualTo(200);
        long done = db.queryLong("SELECT count(*) FROM orders WHERE visits = 1") + db.queryLong("SELECT count(*) FROM customers WHERE visits = 1");
        assertThat(done).isLessThan(ROWS + ROWS / 4); // the poisoned chunk's rows were rolled back
        // the progress counts exactly the rows the data says were processed, against the tables' estimates
        assertThat(job.body()).contains("<h2>Progress</h2>", ">" + String.format("%,d", done) + " rows of ~", "Worker timeline", "Throughput",
                "Failed chunks", "row id=" + POISON + " of orders is poisoned", "1 chunk failed: re-running the job retries them")
                .doesNotContain("http-equiv=\"refresh\"");
        assertThat(get("/jobs/invoices%20check").body()).contains("<h1>invoices check</h1>", ">100%<");
    }

    @Test
    void aRunningJobIsShownLiveAndReloads() throws Exception {
        CountingJob.createTable(db, "events", 3_000);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> runJob("slow", List.of("events"), 150));
        String page = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!run.isDone() && System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/jobs/slow");
            if (r.statusCode() == 200 && r.body().contains("left at the last minute's rate")) {
                page = r.body();
                break;
            }
            Thread.sleep(200);
        }
        assertThat(page).as("a page of the running job with an ETA").contains("status status-running\"", "http-equiv=\"refresh\"", "Running in ",
                "last heartbeat");
        assertThat(get("/").body()).contains("status status-running\"", "http-equiv=\"refresh\"");

        assertThat(run.get().status()).isEqualTo(RunStatus.DONE);
        String after = get("/jobs/slow").body();
        assertThat(after).contains("status status-done\"", ">100%<").doesNotContain("http-equiv=\"refresh\"", "left at");
    }

    @Test
    void anUnknownJobOrPathIsNotFoundAndNothingButReadingIsServed() throws Exception {
        runJob("nightly", List.of("customers"), 0);

        HttpResponse<String> job = get("/jobs/nigthly");
        assertThat(job.statusCode()).isEqualTo(404);
        assertThat(job.body()).contains("There is no job named &#39;nigthly&#39; in test database. Known jobs: nightly.");
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(get("/jobs/nightly/more").statusCode()).isEqualTo(404);

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(console.uri().resolve("/jobs/nightly"))
                .POST(HttpRequest.BodyPublishers.ofString("action=cancel")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("an action this console does not have").isEqualTo(404);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(console.uri().resolve("/jobs/nightly"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'nightly'")).isEqualTo("DONE");
    }

    @Test
    void chromiumRendersAJobsPage() throws Exception {
        runJob("nightly", List.of("orders", "customers"), 0);
        Path chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium is not on the PATH: the rendering check is skipped");
        Files.createDirectories(OUT);
        Path png = OUT.resolve(kind().name().toLowerCase(java.util.Locale.ROOT) + "-job.png");
        Files.deleteIfExists(png);
        Chromium.screenshot(chromium, console.uri().resolve("/jobs/nightly").toString(), png, 1400, 1600);
        assertThat(png).exists();
        assertThat(Chromium.distinctColours(png, 1400)).as("distinct colours in the screenshot").isGreaterThan(50);
    }

    @Test
    void aPortInUseIsAUsageError() {
        RowSweepException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> ConsoleServer.start(Console.of(pool), "127.0.0.1",
                console.uri().getPort()), RowSweepException.class);
        assertThat(e.getMessage()).contains("Cannot listen on 127.0.0.1:" + console.uri().getPort(), "--port");
    }

    /** Actions of an application that declares one job, "declared", which counts the customers' visits. */
    final class DeclaredJob implements ConsoleActions {
        final CompletableFuture<RunSummary> run = new CompletableFuture<>();

        @Override
        public List<String> startable() {
            return List.of("declared");
        }

        @Override
        public void start(String job) {
            if (!job.equals("declared")) {
                throw new Refused(404, "No job '" + job + "' is declared.");
            }
            CompletableFuture.runAsync(() -> run.complete(runJob("declared", List.of("customers"), 0)));
        }
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(console.uri().resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeclaredJobIsStartedFromItsFormOnlyWithTheConsolesToken() throws Exception {
        DeclaredJob declared = new DeclaredJob();
        console.close();
        console = ConsoleServer.start(Console.of(pool).withActions(declared), "127.0.0.1", 0);

        String index = get("/").body();
        assertThat(index).contains("Declared jobs", "never run", "action=\"jobs/declared/start\"");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"" + Console.TOKEN_FIELD + "\" value=\"([0-9a-f]+)\"")
                .matcher(index);
        assertThat(token.find()).as("the form's token").isTrue();
        assertThat(get("/jobs/declared").body()).contains("never run", "action=\"declared/start\"");

        // a form from elsewhere (no token, or a wrong one) starts nothing
        assertThat(post("/jobs/declared/start", "").statusCode()).isEqualTo(403);
        assertThat(post("/jobs/declared/start", Console.TOKEN_FIELD + "=00").statusCode()).isEqualTo(403);
        assertThat(post("/jobs/other/start", Console.TOKEN_FIELD + "=" + token.group(1)).statusCode()).isEqualTo(404);
        Thread.sleep(300);
        assertThat(declared.run).isNotDone();
        assertThat(get("/").body()).as("no job state written").contains("No rowsweep jobs here yet");

        HttpResponse<String> started = post("/jobs/declared/start", Console.TOKEN_FIELD + "=" + token.group(1));
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(started.headers().firstValue("Location")).hasValue("/jobs/declared");
        assertThat(declared.run.get(60, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(RunStatus.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM customers WHERE visits = 1")).isEqualTo(ROWS / 4);
        assertThat(get("/jobs/declared").body()).contains("status status-done\"", "Start again");
    }

    @Test
    void aReadOnlyConsoleShowsNoButtonAndRefusesActions() throws Exception {
        DeclaredJob declared = new DeclaredJob();
        console.close();
        console = ConsoleServer.start(Console.of(pool).withActions(declared).withReadOnly(true), "127.0.0.1", 0);
        runJob("declared", List.of("customers"), 0);

        assertThat(get("/").body()).doesNotContain("<form", "Declared jobs");
        assertThat(get("/jobs/declared").body()).contains("status status-done\"").doesNotContain("<form");
        HttpResponse<String> r = post("/jobs/declared/start", "");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("This console is read-only", "Nothing was changed");
        Thread.sleep(300);
        assertThat(declared.run).isNotDone();
    }

    /** The page of {@code job} once {@code ready} holds for it, polled for up to a minute. */
    String pageWhen(String job, java.util.function.Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String page = "";
        while (System.nanoTime() < deadline) {
            page = get("/jobs/" + job).body();
            if (ready.test(page)) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page of " + job + " never got there; last:\n" + page);
    }

    static String token(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + Console.TOKEN_FIELD + "\" value=\"([0-9a-f]+)\"").matcher(page);
        assertThat(m.find()).as("a form with the console's token").isTrue();
        return Console.TOKEN_FIELD + "=" + m.group(1);
    }

    long chunksDone(String job) {
        return db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + job + "' AND status = 'DONE'");
    }

    @Test
    void aRunIsPausedResumedAndCancelledFromItsPageAndEveryRowIsCountedOnce() throws Exception {
        CountingJob.createTable(db, "events", 3_000);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> runJob("held", List.of("events"), 150));
        String running = pageWhen("held", p -> p.contains("status status-running\"") && p.contains("action=\"held/pause\""));
        assertThat(running).contains("action=\"held/cancel\"");

        HttpResponse<String> paused = post("/jobs/held/pause", token(running));
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(303);
        String page = pageWhen("held", p -> p.contains("status status-paused\""));
        assertThat(page).contains("Paused: its processes wait", "action=\"held/resume\"", "action=\"held/cancel\"", "http-equiv=\"refresh\"")
                .doesNotContain("action=\"held/pause\"");
        long done = chunksDone("held");
        Thread.sleep(2_000);
        assertThat(chunksDone("held")).as("chunks done while paused").isEqualTo(done);
        assertThat(run).isNotDone();
        assertThat(post("/jobs/held/pause", token(page)).statusCode()).as("pausing a paused run").isEqualTo(409);

        assertThat(post("/jobs/held/resume", token(page)).statusCode()).isEqualTo(303);
        assertThat(run.get(120, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(RunStatus.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE visits = 1")).as("rows counted once").isEqualTo(3_000);
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE visits <> 1")).isZero();
        String after = get("/jobs/held").body();
        assertThat(after).contains("status status-done\"", "<h2>Runs</h2>", "resume by ").doesNotContain("action=\"held/");

        HttpResponse<String> late = post("/jobs/held/cancel", token(page));
        assertThat(late.statusCode()).as("cancelling a finished run").isEqualTo(409);
        assertThat(late.body()).contains("Cannot cancel held");
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'held'")).isEqualTo("DONE");
    }

    @Test
    void aCancelledRunEndsAsCancelledAndSaysSo() throws Exception {
        CountingJob.createTable(db, "events", 3_000);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> runJob("dropped", List.of("events"), 150));
        String running = pageWhen("dropped", p -> p.contains("action=\"dropped/cancel\""));

        assertThat(post("/jobs/dropped/cancel", token(running)).statusCode()).isEqualTo(303);
        assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
        String page = pageWhen("dropped", p -> p.contains("status status-cancelled\""));
        assertThat(page).contains("Cancelled; its progress is kept", "cancel by ").doesNotContain("http-equiv=\"refresh\"");
        long counted = db.queryLong("SELECT count(*) FROM events WHERE visits = 1");
        assertThat(counted).isLessThan(3_000).isEqualTo(db.queryLong("SELECT sum(rows_read) FROM rowsweep_chunk WHERE job_name = 'dropped'"
                + " AND status = 'DONE'"));
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE visits > 1")).isZero();
    }
}
