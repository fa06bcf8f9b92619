package io.rowsweep.samples.shop;

import io.rowsweep.spring.RowSweepJob;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The shop started on a random port over a fresh schema of one database (made by the subclass's
 * {@code @DynamicPropertySource}) and filled with the shop's rows, with one more job beside its own:
 * what the tests of its endpoint and of its console use, each class with an application of its own.
 */
// the latency guard would rightly slow the jobs down on a database server shared with other builds
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rowsweep.latency-guard=off")
@Import(RunningShop.SlowJob.class)
@DirtiesContext // each database's application stops with its class
abstract class RunningShop {

    /** The application's database, made by the subclass's {@code @DynamicPropertySource}. */
    static TestSchema db;

    @TempDir
    static Path violations;

    @DynamicPropertySource
    static void violationsFile(DynamicPropertyRegistry registry) {
        registry.add("rowsweep.out", () -> violations.resolve("validate-shop.jsonl").toString());
    }

    /** A job on its own table, slowed down so a second start finds it running. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SlowJob {
        @Bean
        RowSweepJob awardPoint() {
            return RowSweepJob.update("award-point", u -> u.table("customer").set("loyalty_points = loyalty_points + 1")
                    .maxRowsPerSecond(500));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private static boolean filled;

    /** Once the application has started (Hibernate creates the tables), the shop's rows. */
    @BeforeEach
    void fill() {
        if (!filled) {
            ShopDatabase.fill(db);
            filled = true;
        }
    }

    @AfterAll
    static void drop() {
        if (db != null) { // null when the class was skipped
            db.close();
            db = null;
        }
        filled = false;
    }
}
