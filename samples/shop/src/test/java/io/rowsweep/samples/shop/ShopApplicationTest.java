package io.rowsweep.samples.shop;

import io.rowsweep.RowSweep;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.validation.ValidationSummary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop as it runs: its declared jobs started through the actuator endpoint over HTTP, checked
 * with SQL and against {@code RowSweep.validate} on the same rows; a subclass per database.
 */
abstract class ShopApplicationTest extends RunningShop {

    @Test
    void restockStartedOverHttpAddsOneUnitToEveryProductExactlyOnce() throws Exception {
        Actuator actuator = new Actuator(port);
        Actuator.Reply started = actuator.post("/rowsweep/restock/start");
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.body().path("job").asString()).isEqualTo("restock");

        JsonNode view = actuator.awaitEnd("restock");
        assertThat(view.path("run").path("state").asString()).as(view.toString()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM product WHERE stock <> MOD(id, 7) + 1")).as("products not restocked once").isZero();
        assertThat(view.path("jobState").path("status").asString()).isEqualTo("done");
        assertThat(view.path("jobState").path("rowsDone").asLong()).isEqualTo(ShopDatabase.PRODUCTS);

        JsonNode rows = actuator.get("/metrics/rowsweep.rows?tag=job:restock").body();
        assertThat(rows.path("measurements").get(0).path("value").asDouble()).isEqualTo(ShopDatabase.PRODUCTS);
        assertThat(actuator.get("/metrics/rowsweep.chunks?tag=job:restock&tag=outcome:done").status()).isEqualTo(200);
        // the Observations, through Spring Boot's observation handlers, are timers too
        assertThat(actuator.get("/metrics/rowsweep.chunk?tag=job:restock").status()).isEqualTo(200);
        assertThat(actuator.get("/metrics/rowsweep.run?tag=job:restock").status()).isEqualTo(200);
        JsonNode health = actuator.get("/health").body();
        assertThat(health.path("components").path("rowsweep").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("rowsweep").path("details").path("jobs").path("restock").asString()).isEqualTo("done");

        // started again, a completed update is not applied again
        assertThat(actuator.post("/rowsweep/restock/start").status()).isEqualTo(202);
        assertThat(actuator.awaitEnd("restock").path("run").path("state").asString()).isEqualTo("already-done");
        assertThat(db.queryLong("SELECT count(*) FROM product WHERE stock <> MOD(id, 7) + 1")).isZero();
    }

    @Test
    void theValidateJobFindsWhatRowSweepValidateFindsOnTheSameRows() throws Exception {
        Actuator actuator = new Actuator(port);
        assertThat(actuator.post("/rowsweep/validate-shop/start").status()).isEqualTo(202);
        JsonNode view = actuator.awaitEnd("validate-shop");
        assertThat(view.path("run").path("state").asString()).as(view.toString()).isEqualTo("done");
        Path found = Path.of(view.path("run").path("violations").asString());

        ValidationSummary direct = RowSweep.validate(dataSource).entities(Customer.class, Product.class, PurchaseOrder.class)
                .workers(2).job("validate-shop-direct").violationsTo(violations.resolve("direct.jsonl")).run();
        List<String> expected = sorted(direct.violations());
        assertThat(expected).hasSize(CUSTOMER_AND_PRODUCT_AND_ORDER_VIOLATIONS);
        assertThat(sorted(found)).isEqualTo(expected);
        assertThat(view.path("run").path("summary").path("problems").asLong()).isEqualTo(direct.run().problems());
        JsonNode problems = actuator.get("/metrics/rowsweep.problems?tag=job:validate-shop").body();
        assertThat(problems.path("measurements").get(0).path("value").asDouble()).isEqualTo(direct.run().problems());

        // the rowsweep command an operator runs beside the application, on its compiled classes, finds the same
        Path cli = Path.of("..", "..", "cli", "target", "rowsweep.jar").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.exists(cli), cli + " is not built (./mvnw verify builds it before this module)");
        Path fromCli = violations.resolve("cli.jsonl");
        Process validate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", cli.toString(),
                "validate", "--url", db.url(), "--classpath", Path.of("target", "classes").toAbsolutePath().toString(), "--entities",
                "io.rowsweep.samples.shop", "--workers", "2", "--job", "validate-shop-cli", "--latency-guard", "off", "--out",
                fromCli.toString(), "-q").redirectErrorStream(true).redirectOutput(violations.resolve("cli.log").toFile()).start();
        assertThat(validate.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).as(Files.readString(violations.resolve("cli.log"))).isEqualTo(ValidationSummary.INVALID_ROWS);
        assertThat(sorted(fromCli)).isEqualTo(expected);
    }

    /** Blank names (every 50th customer, every 40th product), bad addresses (every 70th customer), unknown states (every 90th order). */
    static final int CUSTOMER_AND_PRODUCT_AND_ORDER_VIOLATIONS = ShopDatabase.CUSTOMERS / 50 + ShopDatabase.PRODUCTS / 40
            + ShopDatabase.CUSTOMERS / 70 + ShopDatabase.ORDERS / 90;

    @Test
    void anUndeclaredJobIsRefusedWith404AndNothingIsWritten() throws Exception {
        Actuator actuator = new Actuator(port);
        Actuator.Reply refused = actuator.post("/rowsweep/restok/start");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().path("error").asString()).startsWith("No rowsweep job is named 'restok'. Declared jobs: ")
                .contains("restock", "validate-shop");
        assertThat(actuator.get("/rowsweep/restok").status()).isEqualTo(404);
        assertThat(actuator.post("/rowsweep/restock/restart").status()).as("an unknown action").isEqualTo(400);
        try (Connection c = dataSource.getConnection()) {
            JobStateReader state = JobStateReader.of(c, null);
            assertThat(!state.exists() || state.job("restok").isEmpty()).as("a job state for the undeclared job").isTrue();
        }
    }

    @Test
    void aJobRunningAlreadyIsRefusedWith409AndRunsOnce() throws Exception {
        Actuator actuator = new Actuator(port);
        assertThat(actuator.post("/rowsweep/award-point/start").status()).isEqualTo(202);
        Actuator.Reply again = actuator.post("/rowsweep/award-point/start");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asString()).contains("Job 'award-point' is running already");
        assertThat(actuator.awaitEnd("award-point").path("run").path("state").asString()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points <> MOD(id, 5) + 1"))
                .as("customers not given exactly one point").isZero();
    }

    private static List<String> sorted(Path file) throws Exception {
        return Files.readAllLines(file).stream().sorted().toList();
    }
}
