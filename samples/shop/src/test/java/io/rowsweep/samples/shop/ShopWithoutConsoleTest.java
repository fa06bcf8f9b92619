package io.rowsweep.samples.shop;

import io.rowsweep.spring.RowSweepJobs;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rowsweep.console.enabled=false}: no console, and the application with its jobs and endpoint as before. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rowsweep.console.enabled=false")
@DirtiesContext
class ShopWithoutConsoleTest {

    private static TestSchema db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.POSTGRES, registry);
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    RowSweepJobs jobs;

    @Test
    void theConsoleIsNotThereAndTheApplicationRunsAsBefore() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.get("/rowsweep").statusCode()).isEqualTo(404);
        assertThat(browser.get("/rowsweep/").statusCode()).isEqualTo(404);
        assertThat(browser.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(browser.get("/actuator/rowsweep").statusCode()).isEqualTo(200);
        assertThat(jobs.declared()).extracting(j -> j.name()).contains("restock", "validate-shop");
    }
}
