package io.rowsweep.samples.shop;

import io.rowsweep.core.OnError;
import io.rowsweep.spring.RowSweepJob;
import io.rowsweep.testkit.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.rowsweep.spring.JobParameter.integer;
import static io.rowsweep.spring.JobParameters.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declared update whose Java fix fails for some rows the first time, on PostgreSQL: its run ends
 * failed with failed chunks, its console page offers "Retry failed chunks", and the retry resumes
 * the run with the parameters it was started with, redoing the failed chunks and not the done ones:
 * in the end every row was changed exactly once (a non-idempotent {@code n = n + 1}, by SQL). A
 * retry of a job that never ran, is running or completed is refused with 409, nothing written.
 */
@Import(PostgresShopRetryTest.Flaky.class)
class PostgresShopRetryTest extends RunningShop {

    static final int ROWS = 20_000;
    /** Whether the fix fails for every 997th row: the first run's trouble, gone for the retry. */
    static final AtomicBoolean BROKEN = new AtomicBoolean(true);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.POSTGRES, registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Flaky {
        @Bean
        RowSweepJob countFlaky() {
            return RowSweepJob.update("count-flaky", params(integer("step").defaultValue(1)), (u, p) -> u.table("tally").fix(row -> {
                long id = row.getLong("id");
                if (BROKEN.get() && id % 997 == 0) {
                    throw new IllegalStateException("row " + id + " is not ready yet");
                }
                row.set("n", row.getInt("n") + p.getInt("step"));
            }).onError(OnError.SKIP_CHUNK).workers(2).initialChunkRows(500).maxChunkRows(500));
        }
    }

    @Test
    @Timeout(300)
    void failedChunksAreRetriedFromTheConsoleAndEveryRowIsChangedExactlyOnce() throws Exception {
        db.execute("CREATE TABLE tally (id BIGINT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO tally SELECT g.i, 0 FROM " + db.series(ROWS), "ANALYZE tally");
        Actuator actuator = new Actuator(port);
        Browser browser = new Browser(port);

        Actuator.Reply early = actuator.post("/rowsweep/count-flaky/retry");
        assertThat(early.status()).as("a retry before any run").isEqualTo(409);
        assertThat(early.body().path("error").asString()).contains("has not run yet, so there is nothing to retry");

        assertThat(browser.press("/rowsweep/jobs/count-flaky", "count-flaky/start").statusCode()).isEqualTo(303);
        JsonNode failed = actuator.awaitEnd("count-flaky");
        assertThat(failed.path("run").path("state").asString()).as(failed.toString()).isEqualTo("failed");
        long failedChunks = db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-flaky' AND status = 'FAILED'");
        assertThat(failedChunks).as("failed chunks").isGreaterThan(1);
        long unchanged = db.queryLong("SELECT count(*) FROM tally WHERE n = 0");
        assertThat(unchanged).as("rows of failed chunks, rolled back").isGreaterThanOrEqualTo(failedChunks);
        assertThat(db.queryLong("SELECT count(*) FROM tally WHERE n = 1")).isEqualTo(ROWS - unchanged);
        assertThat(db.queryLong("SELECT count(*) FROM tally WHERE n > 1")).isZero();
        long doneChunks = db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-flaky' AND status = 'DONE'");

        String page = browser.get("/rowsweep/jobs/count-flaky").body();
        assertThat(page).contains("status status-failed\"", "action=\"count-flaky/retry\"", "Retry failed chunks",
                "<td class=\"parameters\">step=1</td>");

        // other values do not resume it, and are refused before anything is written
        Actuator.Reply other = actuator.post("/rowsweep/count-flaky/start", "{\"step\": 2}");
        assertThat(other.status()).as(other.body().toString()).isEqualTo(409);
        assertThat(other.body().path("error").asString()).contains("has an unfinished run (run 1, failed) started with step=1",
                "Nothing was started");
        HttpResponse<String> otherForm = browser.post(browser.uri("/rowsweep/jobs/count-flaky/start"), "parameter.step=2");
        assertThat(otherForm.statusCode()).isEqualTo(409);
        assertThat(db.queryLong("SELECT count(*) FROM tally WHERE n = 0")).isEqualTo(unchanged);
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'count-flaky'")).isEqualTo("FAILED");

        BROKEN.set(false);
        HttpResponse<String> retried = browser.press("/rowsweep/jobs/count-flaky", "count-flaky/retry");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(303);
        assertThat(retried.headers().firstValue("Location")).hasValue("/rowsweep/jobs/count-flaky");
        JsonNode done = actuator.awaitEnd("count-flaky");
        assertThat(done.path("run").path("state").asString()).as(done.toString()).isEqualTo("done");
        assertThat(done.path("run").path("summary").path("resumed").asBoolean()).as("the retry resumed the run").isTrue();
        assertThat(done.path("run").path("parameters").path("step").asString()).isEqualTo("1");
        assertThat(db.queryLong("SELECT count(*) FROM tally WHERE n <> 1")).as("rows not changed exactly once").isZero();
        assertThat(db.queryString("SELECT status FROM rowsweep_job WHERE job_name = 'count-flaky'")).isEqualTo("DONE");
        assertThat(db.queryLong("SELECT run_no FROM rowsweep_job WHERE job_name = 'count-flaky'")).as("the same run, resumed").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-flaky' AND status <> 'DONE'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-flaky' AND attempts > 1"))
                .as("chunks done again").isGreaterThanOrEqualTo(failedChunks);
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-flaky' AND status = 'DONE'"))
                .isGreaterThanOrEqualTo(doneChunks + failedChunks);
        String after = browser.get("/rowsweep/jobs/count-flaky").body();
        assertThat(after).contains("status status-done\"").doesNotContain("Retry failed chunks");

        // a completed job has nothing to retry
        long chunks = db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-flaky'");
        HttpResponse<String> late = browser.post(browser.uri("/rowsweep/jobs/count-flaky/retry"), "");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("Cannot retry count-flaky", "completed (run 1", "it has no failed chunks to retry");
        assertThat(actuator.post("/rowsweep/count-flaky/retry").status()).isEqualTo(409);
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = 'count-flaky'")).isEqualTo(chunks);
        assertThat(db.queryLong("SELECT count(*) FROM tally WHERE n <> 1")).isZero();
    }

    @Test
    void aRetryOfARunningJobIsRefusedWith409() throws Exception {
        Actuator actuator = new Actuator(port);
        assertThat(actuator.post("/rowsweep/award-point/start").status()).isEqualTo(202);
        HttpResponse<String> refused = new Browser(port).post(new Browser(port).uri("/rowsweep/jobs/award-point/retry"), "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("is running in this application", "Nothing was started");
        assertThat(actuator.awaitEnd("award-point").path("run").path("state").asString()).isEqualTo("done");
        assertThat(db.queryLong("SELECT count(*) FROM customer WHERE loyalty_points <> MOD(id, 5) + 1"))
                .as("customers not given exactly one point").isZero();
    }
}
