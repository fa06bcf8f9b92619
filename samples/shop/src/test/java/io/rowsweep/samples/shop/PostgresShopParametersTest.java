package io.rowsweep.samples.shop;

import io.rowsweep.spring.RowSweepJob;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.HtmlForm;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static io.rowsweep.spring.JobParameter.integer;
import static io.rowsweep.spring.JobParameters.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declared jobs with parameters, started on PostgreSQL with their values from the actuator (a JSON
 * body, a query string) and from the console's start form: each row changed once by the amount
 * given (checked by SQL), the values shown in the endpoint's view and the console's runs, and
 * bad values (wrong type, missing, unknown, another than an unfinished or completed update's)
 * refused naming the parameter, with nothing started or written.
 */
@Import(PostgresShopParametersTest.GrantPoints.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the refusals first, while nothing has run
class PostgresShopParametersTest extends RunningShop {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.POSTGRES, registry);
    }

    /** A job whose parameter has no default: every start must give it. In SQL, so the value is in the SQL too. */
    @TestConfiguration(proxyBeanMethods = false)
    static class GrantPoints {
        @Bean
        RowSweepJob grantPoints() {
            return RowSweepJob.update("grant-points", params(integer("points").description("loyalty points each customer gets")),
                    (u, p) -> u.table("customer").set("loyalty_points = loyalty_points + " + p.getInt("points")));
        }
    }

    @Test
    void restockStartedFromTheActuatorWithJsonUnitsAddsThemToEveryProductOnceAndShowsThem() throws Exception {
        Actuator actuator = new Actuator(port);
        Actuator.Reply started = actuator.post("/rowsweep/restock/start", "{\"units\": 3}");
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.body().path("parameters").path("units").asString()).isEqualTo("3");

        JsonNode view = actuator.awaitEnd("restock");
        assertThat(view.path("run").path("state").asString()).as(view.toString()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM product WHERE stock <> MOD(id, 7) + 3")).as("products not given 3 units once").isZero();
        assertThat(view.path("run").path("parameters").path("units").asString()).isEqualTo("3");
        assertThat(view.path("jobState").path("parameters").path("units").asString()).isEqualTo("3");
        JsonNode declared = view.path("parameters").get(0);
        assertThat(declared.path("name").asString()).isEqualTo("units");
        assertThat(declared.path("type").asString()).isEqualTo("integer");
        assertThat(declared.path("default").asString()).isEqualTo("1");
        assertThat(db.queryString("SELECT spec FROM rowsweep_job WHERE job_name = 'restock'")).contains("\"parameters\":{\"units\":\"3\"}");

        // the same values again: a completed update is not applied twice; other values are another update, refused
        assertThat(actuator.post("/rowsweep/restock/start?units=3").status()).isEqualTo(202);
        assertThat(actuator.awaitEnd("restock").path("run").path("state").asString()).isEqualTo("already-done");
        Actuator.Reply other = actuator.post("/rowsweep/restock/start", "{\"units\": 4}");
        assertThat(other.status()).as(other.body().toString()).isEqualTo(409);
        assertThat(other.body().path("error").asString()).contains("completed with units=3", "with units=4 it is another update",
                "Nothing was started");
        assertThat(db.queryLong("SELECT count(*) FROM product WHERE stock <> MOD(id, 7) + 3")).isZero();

        String page = new Browser(port).get("/rowsweep/jobs/restock").body();
        assertThat(page).contains("<th>Parameters</th>", "<td class=\"parameters\">units=3</td>");
    }

    @Test
    @Order(1)
    void badValuesAreRefusedWith400NamingTheParameterAndNothingIsWritten() throws Exception {
        Actuator actuator = new Actuator(port);
        Actuator.Reply word = actuator.post("/rowsweep/grant-points/start", "{\"points\": \"many\"}");
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.body().path("error").asString()).isEqualTo("Job 'grant-points' was not started: parameter 'points' takes an"
                + " integer, and 'many' is not one (e.g. 42). Nothing was started.");
        Actuator.Reply fraction = actuator.post("/rowsweep/grant-points/start?points=1.5");
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.body().path("error").asString()).contains("parameter 'points' takes an integer, and '1.5' is not one");
        Actuator.Reply missing = actuator.post("/rowsweep/grant-points/start");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("error").asString()).contains("parameter 'points' is required (an integer, e.g. 42)");
        Actuator.Reply unknown = actuator.post("/rowsweep/grant-points/start", "{\"points\": 2, \"pionts\": 2}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("error").asString()).contains("there is no parameter 'pionts' (its parameters: points (an"
                + " integer, required))");
        Actuator.Reply none = actuator.post("/rowsweep/validate-shop/start", "{\"units\": 2}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().path("error").asString()).contains("there is no parameter 'units' (its parameters: none)");

        Browser browser = new Browser(port);
        HttpResponse<String> form = browser.post(browser.uri("/rowsweep/jobs/grant-points/start"), "parameter.points=lots");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("Cannot start grant-points", "parameter &#39;points&#39; takes an integer, and &#39;lots&#39;"
                + " is not one");
        HttpResponse<String> blank = browser.post(browser.uri("/rowsweep/jobs/grant-points/start"), "parameter.points=");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("parameter &#39;points&#39; is required");

        assertThat(db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points <> MOD(id, 5)")).as("customers changed").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_name = 'rowsweep_job'") == 0
                || db.queryLong("SELECT count(*) FROM rowsweep_job WHERE job_name IN ('grant-points', 'validate-shop')") == 0)
                .as("a job state for a refused start").isTrue();
    }

    @Test
    void aJobStartedFromTheConsolesFormWithAValueChangesEachRowByItAndItsPageShowsIt() throws Exception {
        Browser browser = new Browser(port);
        String list = browser.get("/rowsweep/").body();
        HtmlForm form = HtmlForm.withAction(list, "jobs/grant-points/start");
        assertThat(form.fields()).containsKey("parameter.points");
        assertThat(list).contains("<input type=\"number\" step=\"1\" name=\"parameter.points\" required");
        assertThat(HtmlForm.withAction(list, "jobs/restock/start").fields()).containsEntry("parameter.units", "1");

        HttpResponse<String> started = browser.post(form.target(browser.uri("/rowsweep/")), form.with("parameter.points", "2").encoded());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        assertThat(new Actuator(port).awaitEnd("grant-points").path("run").path("state").asString()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points <> MOD(id, 5) + 2"))
                .as("customers not given 2 points once").isZero();

        String page = browser.get("/rowsweep/jobs/grant-points").body();
        assertThat(page).contains("status status-done\"", "<td class=\"parameters\">points=2</td>", "Start again")
                .doesNotContain("Retry failed chunks");
    }
}
