package io.rowsweep.samples.shop;

import io.rowsweep.spring.RowSweepJob;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job whose run failed turns {@code /actuator/health} DOWN naming it, so it alerts; the liveness
 * and readiness probes stay UP, so the platform does not restart the application for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rowsweep.latency-guard=off")
@DirtiesContext
class ShopHealthTest {

    private static TestSchema db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.POSTGRES, registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FragileJob {
        @Bean
        RowSweepJob reprice() {
            return RowSweepJob.update("reprice", u -> u.table("product").fix(row -> {
                if (row.getLong("id") == 1_000) {
                    throw new IllegalStateException("no price list for product 1000");
                }
                row.set("unit_price", row.getBigDecimal("unit_price").add(java.math.BigDecimal.ONE));
            }));
        }
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aFailedJobTurnsHealthDownButNotTheProbes() throws Exception {
        ShopDatabase.fill(db);
        Actuator actuator = new Actuator(port);
        JsonNode before = actuator.get("/health").body();
        assertThat(before.path("components").path("rowsweep").path("status").asString()).isEqualTo("UP");

        assertThat(actuator.post("/rowsweep/reprice/start").status()).isEqualTo(202);
        JsonNode view = actuator.awaitEnd("reprice");
        assertThat(view.path("run").path("state").asString()).as(view.toString()).isEqualTo("failed");
        assertThat(view.path("failed").asBoolean()).isTrue();

        Actuator.Reply health = actuator.get("/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode rowsweep = health.body().path("components").path("rowsweep");
        assertThat(rowsweep.path("status").asString()).isEqualTo("DOWN");
        assertThat(rowsweep.path("details").path("failed").path("reprice").asString()).contains("no price list for product 1000");
        assertThat(actuator.get("/health/liveness").status()).isEqualTo(200);
        assertThat(actuator.get("/health/readiness").status()).isEqualTo(200);
    }
}
