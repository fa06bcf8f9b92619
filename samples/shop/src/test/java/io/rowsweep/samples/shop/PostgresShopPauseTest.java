package io.rowsweep.samples.shop;

import io.rowsweep.spring.JobRun;
import io.rowsweep.spring.RowSweepJob;
import io.rowsweep.spring.RowSweepJobs;
import io.rowsweep.testkit.Chromium;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.HeadlessChrome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator pauses a declared update of 1,000,000 rows from the shop's console in a browser
 * (headless Chromium, clicking its buttons), and resumes it:
 * while it is paused no chunk is taken or committed and no row changes, and in the end every row
 * was changed exactly once (a non-idempotent {@code + 1}, checked by SQL). The same through the
 * actuator endpoint.
 */
@Import(PostgresShopPauseTest.CountUp.class)
class PostgresShopPauseTest extends RunningShop {

    static final int ROWS = 1_000_000;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.POSTGRES, registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CountUp {
        @Bean
        RowSweepJob countUp() {
            return RowSweepJob.update("count-up", u -> u.table("tally").set("n = n + 1").workers(2));
        }
    }

    @Autowired
    RowSweepJobs jobs;

    @Test
    @Timeout(600)
    void aMillionRowUpdateIsPausedAndResumedFromTheConsoleInChromiumAndChangesEveryRowOnce() throws Exception {
        Path chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium is not on the PATH: the console is not driven in a browser here");
        db.execute("CREATE TABLE tally (id BIGINT PRIMARY KEY, n INT NOT NULL)");
        db.execute("INSERT INTO tally SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
        db.execute("ANALYZE tally");
        Duration wait = Duration.ofSeconds(120);

        try (HeadlessChrome chrome = HeadlessChrome.start(chromium, 1400, 1600)) {
            chrome.open(new Browser(port).uri("/rowsweep").toString());
            assertThat(chrome.evaluate("location.pathname")).as("the console's path redirects to its page").isEqualTo("/rowsweep/");
            assertThat(chrome.clickFormButton("jobs/count-up/start")).as("a Start button for count-up").isTrue();
            chrome.awaitHtml(p -> p.contains("status status-running\"") && p.contains("action=\"count-up/pause\""), wait,
                    "count-up's page showing it running, with a Pause button");
            assertThat(chrome.evaluate("location.pathname")).isEqualTo("/rowsweep/jobs/count-up");

            assertThat(chrome.clickFormButton("count-up/pause")).isTrue();
            String paused = chrome.awaitHtml(p -> p.contains("status status-paused\""), wait, "the page showing count-up paused");
            assertThat(paused).contains("Paused: its processes wait", "action=\"count-up/resume\"", "action=\"count-up/cancel\"")
                    .doesNotContain("action=\"count-up/pause\"");
            long chunks = db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-up'");
            long changed = db.queryLong("SELECT count(*) FROM tally WHERE n = 1");
            assertThat(changed).as("rows changed before the pause").isBetween(1L, ROWS - 1L);
            assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-up' AND status = 'RUNNING'")).isZero();
            Files.createDirectories(ShopConsoleTest.SCREENSHOTS);
            Path png = ShopConsoleTest.SCREENSHOTS.resolve("count-up-paused.png");
            chrome.screenshot(png);
            assertThat(Chromium.distinctColours(png, 1400)).as("distinct colours in the screenshot").isGreaterThan(50);
            Thread.sleep(3_000);
            assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-up'")).as("chunks taken while paused")
                    .isEqualTo(chunks);
            assertThat(db.queryLong("SELECT count(*) FROM tally WHERE n = 1")).as("rows changed while paused").isEqualTo(changed);
            assertThat(jobs.lastRun("count-up").map(JobRun::running)).hasValue(true);

            assertThat(chrome.clickFormButton("count-up/resume")).isTrue();
            String done = chrome.awaitHtml(p -> p.contains("status status-done\""), Duration.ofSeconds(300), "count-up done");
            assertThat(done).contains("<h2>Runs</h2>", "resume by ");
        }
        assertThat(awaitEnd("count-up").state()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM tally WHERE n <> 1")).as("rows not changed exactly once").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM tally")).isEqualTo(ROWS);
    }

    @Test
    @Timeout(300)
    void theActuatorPausesResumesAndCancelsAndRefusesWhatDoesNotApply() throws Exception {
        Actuator actuator = new Actuator(port);
        assertThat(actuator.post("/rowsweep/award-point/pause").status()).as("pausing a job that never ran").isEqualTo(404);
        assertThat(actuator.post("/rowsweep/award-point/start").status()).isEqualTo(202);
        stateWhen(actuator, "award-point", "running");

        Actuator.Reply paused = actuator.post("/rowsweep/award-point/pause");
        assertThat(paused.status()).as(paused.body().toString()).isEqualTo(202);
        stateWhen(actuator, "award-point", "paused");
        long given = db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points = MOD(id, 5) + 1");
        Thread.sleep(2_000);
        assertThat(db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points = MOD(id, 5) + 1")).as("points given while paused")
                .isEqualTo(given);
        Actuator.Reply again = actuator.post("/rowsweep/award-point/pause");
        assertThat(again.status()).as("pausing a paused run").isEqualTo(409);
        assertThat(again.body().path("error").asString()).contains("award-point");

        assertThat(actuator.post("/rowsweep/award-point/resume").status()).isEqualTo(202);
        assertThat(actuator.awaitEnd("award-point").path("run").path("state").asString()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points <> MOD(id, 5) + 1"))
                .as("customers not given exactly one point").isZero();
        Actuator.Reply late = actuator.post("/rowsweep/award-point/cancel");
        assertThat(late.status()).as("cancelling a finished run").isEqualTo(409);
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'award-point'")).isEqualTo("DONE");
    }

    /** Waits until the job state's status of {@code job}, as the actuator shows it, is {@code status}. */
    private static void stateWhen(Actuator actuator, String job, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = actuator.get("/rowsweep/" + job).body().path("jobState").path("status").asString();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(job + " is " + seen + ", never " + status);
    }

    private JobRun awaitEnd(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JobRun> run = jobs.lastRun(job);
            if (run.isPresent() && !run.get().running()) {
                return run.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " still running after 300 s");
    }
}
