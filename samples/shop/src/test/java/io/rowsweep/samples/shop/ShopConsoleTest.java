package io.rowsweep.samples.shop;

import io.rowsweep.RowSweep;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.spring.JobRun;
import io.rowsweep.spring.RowSweepJobs;
import io.rowsweep.testkit.Chromium;
import io.rowsweep.testkit.HtmlForm;
import io.rowsweep.validation.ValidationSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's live console at {@code /rowsweep}, used as an operator's browser uses it, over real
 * HTTP: the declared jobs started from their forms, checked with SQL and against
 * {@code RowSweep.validate} on the same rows, and drawn by headless Chromium; a subclass per database.
 */
abstract class ShopConsoleTest extends RunningShop {

    static final Path SCREENSHOTS = Path.of("target", "console-test");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RowSweepJobs jobs;

    /** The console's answer to restock's form: the job is started from it once per application, by whichever test comes first. */
    private static HttpResponse<String> restockStarted;

    @AfterAll
    static void forgetRestock() {
        restockStarted = null;
    }

    @Test
    void itsPathRedirectsToTheConsoleWhichListsTheDeclaredJobsWithStartButtons() throws Exception {
        Browser browser = new Browser(port);
        HttpResponse<String> root = browser.get("/rowsweep");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/rowsweep/");

        HttpResponse<String> page = browser.get("/rowsweep/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("Declared jobs", db.name());
        assertThat(HtmlForm.in(page.body())).extracting(HtmlForm::action)
                .contains("jobs/validate-shop/start", "jobs/restock/start", "jobs/award-point/start");
        assertThat(HtmlForm.withAction(page.body(), "jobs/restock/start").method()).isEqualTo("POST");

        HttpResponse<String> head = browser.send("HEAD", "/rowsweep/");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> put = browser.send("PUT", "/rowsweep/jobs/restock");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
    }

    @Test
    void restockStartedFromItsFormAddsOneUnitToEveryProductExactlyOnceAndItsPageShowsItDone() throws Exception {
        HttpResponse<String> started = restockFromTheConsole();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        assertThat(started.headers().firstValue("Location")).hasValue("/rowsweep/jobs/restock");
        assertThat(db.queryLong("SELECT count(*) FROM product WHERE stock <> MOD(id, 7) + 1")).as("products not restocked once").isZero();

        HttpResponse<String> page = new Browser(port).get("/rowsweep/jobs/restock");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>restock</h1>", "status status-done\"", "Start again")
                .doesNotContain("http-equiv=\"refresh\"");
        assertThat(tableProgress(page.body(), "product")).isEqualTo("100%");
        assertThat(card(page.body(), "Rows changed")).isEqualTo(String.format(Locale.ROOT, "%,d", ShopDatabase.PRODUCTS));
    }

    @Test
    void theValidateJobStartedFromItsFormShowsTheViolationsRowSweepValidateFinds() throws Exception {
        Browser browser = new Browser(port);
        HttpResponse<String> started = browser.press("/rowsweep/jobs/validate-shop", "validate-shop/start");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        assertThat(awaitEnd("validate-shop").state()).isEqualTo("done");

        ValidationSummary direct = RowSweep.validate(dataSource).entities(Customer.class, Product.class, PurchaseOrder.class)
                .workers(2).job("validate-shop-direct").violationsTo(violations.resolve("direct.jsonl")).run();
        assertThat(direct.run().problems()).isEqualTo(ShopApplicationTest.CUSTOMER_AND_PRODUCT_AND_ORDER_VIOLATIONS);
        String page = browser.get("/rowsweep/jobs/validate-shop").body();
        assertThat(page).contains("<h1>validate-shop</h1>", "status status-done\"");
        assertThat(card(page, "Violations")).isEqualTo(String.format(Locale.ROOT, "%,d", direct.run().problems()));

        // violations by constraint, each with example rows: the same counts as the direct run's violations file
        Map<String, Long> fromFile = new TreeMap<>();
        for (String line : Files.readAllLines(direct.violations())) {
            JsonNode r = JSON.readTree(line);
            String column = r.path("column").isNull() ? r.path("property").asString() : r.path("column").asString();
            fromFile.merge(r.path("table").asString() + "|" + column + "|" + r.path("constraint").asString(), 1L, Long::sum);
        }
        assertThat(page).contains("Violations by constraint");
        String section = page.substring(page.indexOf("<section class=\"problems\">"));
        section = section.substring(0, section.indexOf("</section>"));
        Map<String, Long> shown = new TreeMap<>();
        Matcher row = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td class=\"n\">([0-9,]+)</td>"
                + "<td class=\"samples\">(.*?)</td></tr>").matcher(section);
        while (row.find()) {
            shown.put(row.group(1) + "|" + row.group(2) + "|" + row.group(3), Long.parseLong(row.group(4).replace(",", "")));
            assertThat(row.group(5)).as("example rows of " + row.group(3)).contains("<div><code>{&quot;id&quot;:");
        }
        assertThat(shown).isNotEmpty().isEqualTo(fromFile);
    }

    @Test
    void aJobThatIsNotDeclaredIsNotFoundAndNothingIsWritten() throws Exception {
        Browser browser = new Browser(port);
        HttpResponse<String> refused = browser.post(browser.uri("/rowsweep/jobs/restok/start"), "");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("Cannot start restok", "No rowsweep job is named &#39;restok&#39;. Declared jobs: ",
                "restock", "validate-shop");
        assertThat(browser.get("/rowsweep/jobs/restok").statusCode()).isEqualTo(404);
        assertThat(browser.get("/rowsweep/nowhere").statusCode()).isEqualTo(404);
        try (Connection c = dataSource.getConnection()) {
            JobStateReader state = JobStateReader.of(c, null);
            assertThat(!state.exists() || state.job("restok").isEmpty()).as("a job state for the undeclared job").isTrue();
        }
    }

    @Test
    void aJobRunningAlreadyIsRefusedWith409AndRunsOnce() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.press("/rowsweep/", "jobs/award-point/start").statusCode()).isEqualTo(303);
        HttpResponse<String> again = browser.post(browser.uri("/rowsweep/jobs/award-point/start"), "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Job &#39;award-point&#39; is running in this application already", "Nothing was started");
        assertThat(awaitEnd("award-point").state()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points <> MOD(id, 5) + 1"))
                .as("customers not given exactly one point").isZero();
    }

    @Test
    void chromiumDrawsTheFinishedRestocksPage() throws Exception {
        Path chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium is not on the PATH: the rendering check is skipped");
        assertThat(restockFromTheConsole().statusCode()).isEqualTo(303);
        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve(db.kind().name().toLowerCase(Locale.ROOT) + "-restock.png");
        Files.deleteIfExists(png);
        Chromium.screenshot(chromium, new Browser(port).uri("/rowsweep/jobs/restock").toString(), png, 1400, 1600);
        assertThat(png).exists();
        assertThat(Chromium.distinctColours(png, 1400)).as("distinct colours in the screenshot").isGreaterThan(50);
    }

    /** Starts restock from its button on the console's list, once per application, and waits for its end. */
    private HttpResponse<String> restockFromTheConsole() throws Exception {
        synchronized (ShopConsoleTest.class) {
            if (restockStarted == null) {
                restockStarted = new Browser(port).press("/rowsweep/", "jobs/restock/start");
                assertThat(awaitEnd("restock").state()).isEqualTo("done");
            }
            return restockStarted;
        }
    }

    private JobRun awaitEnd(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JobRun> run = jobs.lastRun(job);
            if (run.isPresent() && !run.get().state().equals("running")) {
                return run.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " still running after 120 s");
    }

    /** The value of the page's card labelled {@code label}. */
    private static String card(String page, String label) {
        Matcher m = Pattern.compile("<div class=\"label\">" + Pattern.quote(label) + "</div><div class=\"value\">([^<]*)</div>").matcher(page);
        assertThat(m.find()).as("a card " + label + " in the page").isTrue();
        return m.group(1);
    }

    /** The percentage the progress section shows for {@code table}. */
    private static String tableProgress(String page, String table) {
        Matcher m = Pattern.compile("</i>" + Pattern.quote(table) + "</td>.*?<td class=\"n\">([^<]*%)</td>").matcher(page);
        assertThat(m.find()).as("a progress row for " + table).isTrue();
        return m.group(1);
    }
}
