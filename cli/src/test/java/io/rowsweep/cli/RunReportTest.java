package io.rowsweep.cli;

import io.rowsweep.testkit.Chromium;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report of a real run on PostgreSQL: its numbers match the data, it holds no password, and Chromium renders it. */
class RunReportTest {

    static final Path OUT = Path.of("target", "report-test");
    static final long POISON = 7_777;

    TestSchema db;

    @BeforeEach
    void createData() {
        db = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        CountingJob.createTable(db, "orders", 20_000);
        CountingJob.createTable(db, "events", 14_000);
        CountingJob.createTable(db, "customers", 9_000);
        CountingJob.createTable(db, "invoices", 5_000);
    }

    @AfterEach
    void dropData() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    void reportOfARealRun() throws Exception {
        Files.createDirectories(OUT);
        Path html = OUT.resolve("run.html");
        Files.deleteIfExists(html);
        Cli.Result r = Cli.run(Map.of("ROWSWEEP_PASSWORD", "hunter2"), "sweep-test", "--url", db.url(), "--table",
                "orders,events,customers,invoices", "--workers", "4", "--chunk-time", "150ms", "--initial-chunk-rows", "400",
                "--max-chunk-rows", "1500", "--on-error", "skip-chunk", "--poison", Long.toString(POISON), "--sleep-per-chunk", "15",
                "--report", html.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        // every table has the poisoned id
        assertThat(r.err()).contains("3 chunks failed", "row id=" + POISON + " of orders is poisoned", "re-run the same command");

        String page = Files.readString(html, StandardCharsets.UTF_8);
        long rows = 0;
        for (String t : new String[] {"orders", "events", "customers", "invoices"}) {
            rows += db.queryLong("SELECT count(*) FROM " + t + " WHERE visits = 1");
        }
        assertThat(r.out()).containsPattern("total\\s+" + String.format("%,d", rows) + "\\s").contains("failed in ");
        assertThat(page).as("report").startsWith("<!DOCTYPE html>").contains("Worker timeline", "Throughput", "Violations by table and constraint",
                "Failed chunks", "row id=" + POISON + " of orders is poisoned", "<svg", "rowsweep-4", "orders", "invoices",
                ">" + String.format("%,d", rows) + "<", "chunk-time", "150ms", "skip-chunk");
        assertThat(page.contains("hunter2")).as("password in the report").isFalse();
        assertThat(page.contains("<script") || page.contains("http://") || page.contains("https://")).as("script or link in the report").isFalse();

        Path chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium is not on the PATH: the rendering check is skipped");
        Path png = OUT.resolve("run.png");
        Files.deleteIfExists(png);
        Chromium.screenshot(chromium, html, png, 1400, 1800);
        assertThat(png).exists();
        assertThat(Chromium.distinctColours(png, 1400)).as("distinct colours in the screenshot").isGreaterThan(50);
    }
}
