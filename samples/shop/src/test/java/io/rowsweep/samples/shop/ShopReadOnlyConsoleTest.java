package io.rowsweep.samples.shop;

import io.rowsweep.core.state.JobStateReader;
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

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rowsweep.console.read-only=true}: the console shows the jobs, with no button, and starts
 * none; here at a path of its own, in an application with a context path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"rowsweep.console.read-only=true",
        "rowsweep.console.path=/ops/rowsweep", "server.servlet.context-path=/shop"})
@DirtiesContext
class ShopReadOnlyConsoleTest {

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
    DataSource dataSource;

    @Test
    void showsNoButtonAndRefusesToStartAJobWith403WritingNothing() throws Exception {
        ShopDatabase.fill(db);
        Browser browser = new Browser(port);
        HttpResponse<String> root = browser.get("/shop/ops/rowsweep");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/shop/ops/rowsweep/");
        HttpResponse<String> page = browser.get("/shop/ops/rowsweep/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Jobs</h1>").doesNotContain("<form", "Declared jobs");

        HttpResponse<String> refused = browser.post(browser.uri("/shop/ops/rowsweep/jobs/restock/start"), "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This console is read-only", "Nothing was changed");
        Thread.sleep(300);
        assertThat(db.queryLong("SELECT count(*) FROM product WHERE stock <> MOD(id, 7)")).as("products restocked").isZero();
        try (Connection c = dataSource.getConnection()) {
            JobStateReader state = JobStateReader.of(c, null);
            assertThat(!state.exists() || state.jobs().isEmpty()).as("a job state written").isTrue();
        }
    }
}
