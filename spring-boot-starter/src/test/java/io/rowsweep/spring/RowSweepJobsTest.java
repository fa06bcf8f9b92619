package io.rowsweep.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Declared jobs started through {@link RowSweepJobs} on PostgreSQL, with what the application
 * sees of them: rows changed once (checked with SQL), meters, an Observation per chunk, health.
 */
class RowSweepJobsTest {

    private static final int ROWS = 5_000;

    private TestSchema db;

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        RowSweepJob bump() {
            return RowSweepJob.update("bump", u -> u.table("item").set("n = n + 1"));
        }

        @Bean
        RowSweepJob slowBump() {
            return RowSweepJob.update("slow-bump", u -> u.table("slow_item").set("n = n + 1").maxRowsPerSecond(2_000));
        }

        @Bean
        RowSweepJob fragile() {
            return RowSweepJob.update("fragile", u -> u.table("fragile_item").fix(row -> {
                if (row.getLong("id") == 4_000) {
                    throw new IllegalStateException("row 4000 cannot be fixed");
                }
                row.set("n", row.getInt("n") + 1);
            }));
        }
    }

    /** A job with a parameter, beside the others in its own test. */
    @Configuration(proxyBeanMethods = false)
    static class Parameterized {
        @Bean
        RowSweepJob bumpBy() {
            return RowSweepJob.update("bump-by", JobParameters.params(JobParameter.integer("by").defaultValue(1)),
                    (u, p) -> u.table("item").set("n = n + " + p.getInt("by")));
        }
    }

    @BeforeEach
    void createTables() {
        db = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        for (String table : new String[] {"item", "slow_item", "fragile_item"}) {
            db.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, n INT NOT NULL)",
                    "INSERT INTO " + table + " SELECT g.i, 0 FROM " + db.series(ROWS));
        }
    }

    @AfterEach
    void dropTables() {
        if (db != null) {
            db.close();
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RowSweepAutoConfiguration.class))
                .withBean(DataSource.class, () -> db.dataSource(8))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .withPropertyValues("rowsweep.workers=2", "rowsweep.initial-chunk-rows=400", "rowsweep.max-chunk-rows=800",
                        "rowsweep.latency-guard=off", "rowsweep.connection-headroom=0")
                .withUserConfiguration(Jobs.class);
    }

    @Test
    void aStartedUpdateRunsInTheBackgroundChangesEachRowOnceAndIsMeteredAndObserved() {
        runner().run(context -> {
            RowSweepJobs jobs = context.getBean(RowSweepJobs.class);
            assertThat(jobs.start("bump")).isEqualTo("bump");
            JobRun run = awaitEnd(jobs, "bump");
            assertThat(run.state()).as(run.toString()).isEqualTo("done");
            assertThat(db.queryLong("SELECT count(*) FROM item WHERE n <> 1")).as("rows not changed exactly once").isZero();

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            long chunks = run.summary().tables().get(0).chunks();
            assertThat(chunks).isGreaterThan(3);
            assertThat(meters.get("rowsweep.rows").tag("job", "bump").tag("kind", "update").tag("table", "item").counter().count())
                    .isEqualTo(ROWS);
            assertThat(meters.get("rowsweep.rows.changed").tag("job", "bump").counter().count()).isEqualTo(ROWS);
            assertThat(meters.get("rowsweep.chunks").tag("job", "bump").tag("outcome", "done").counter().count()).isEqualTo(chunks);
            assertThat(meters.get("rowsweep.chunk.duration").tag("job", "bump").timer().count()).isEqualTo(chunks);
            assertThat(meters.get("rowsweep.throttle").tag("job", "bump").gauge().value()).isZero();

            TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
            TestObservationRegistryAssert.assertThat(observations)
                    .hasNumberOfObservationsWithNameEqualTo("rowsweep.run", 1)
                    .hasNumberOfObservationsWithNameEqualTo("rowsweep.chunk", (int) chunks)
                    .forAllObservationsWithNameEqualTo("rowsweep.chunk", chunk -> chunk.hasLowCardinalityKeyValue("job", "bump").hasLowCardinalityKeyValue("table", "item")
                            .hasLowCardinalityKeyValue("outcome", "done").hasParentObservation().doesNotHaveError())
                    .forAllObservationsWithNameEqualTo("rowsweep.run", r -> r.hasLowCardinalityKeyValue("outcome", "done")
                            .hasLowCardinalityKeyValue("kind", "update"))
                    .hasObservationWithNameEqualTo("rowsweep.run").that().hasBeenStarted().hasBeenStopped();

            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails().get("jobs")).isEqualTo(Map.of("bump", "done", "slow-bump", "never run", "fragile", "never run"));
        });
    }

    @Test
    void aFailedRunTurnsHealthDownNamingTheJob() {
        runner().run(context -> {
            RowSweepJobs jobs = context.getBean(RowSweepJobs.class);
            RunSummary summary = jobs.run("fragile");
            assertThat(summary.status()).isEqualTo(RunStatus.FAILED);

            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(((Map<?, ?>) health.getDetails().get("failed")).keySet()).isEqualTo(java.util.Set.of("fragile"));
            assertThat(((Map<?, ?>) health.getDetails().get("failed")).get("fragile").toString()).contains("row 4000 cannot be fixed");

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasAnObservation(chunk -> chunk.hasNameEqualTo("rowsweep.chunk").hasLowCardinalityKeyValue("outcome", "failed")
                            .hasError())
                    .forAllObservationsWithNameEqualTo("rowsweep.run", r -> r.hasLowCardinalityKeyValue("outcome", "failed"));
            assertThat(context.getBean(MeterRegistry.class).get("rowsweep.chunks").tag("job", "fragile").tag("outcome", "failed")
                    .counter().count()).isEqualTo(1);
        });
        // a new application reads the failure from the job state
        runner().run(context -> assertThat(health(context).getStatus()).isEqualTo(Status.DOWN));
    }

    @Test
    void anUndeclaredJobIsRefusedAndNothingIsWritten() {
        runner().run(context -> {
            RowSweepJobs jobs = context.getBean(RowSweepJobs.class);
            assertThatThrownBy(() -> jobs.start("bumpp")).isInstanceOf(JobStartRefusedException.class)
                    .hasMessage("No rowsweep job is named 'bumpp'. Declared jobs: bump, slow-bump, fragile.")
                    .extracting(e -> ((JobStartRefusedException) e).reason()).isEqualTo(JobStartRefusedException.Reason.UNKNOWN_JOB);
            try (Connection c = db.connect()) {
                assertThat(JobStateReader.of(c, null).exists()).as("job state tables created").isFalse();
            }
            assertThat(jobs.lastRun("bumpp")).isEmpty();
        });
    }

    @Test
    void aJobRunningAlreadyIsRefusedAndRunsOnlyOnce() {
        runner().run(context -> {
            RowSweepJobs jobs = context.getBean(RowSweepJobs.class);
            jobs.start("slow-bump");
            assertThatThrownBy(() -> jobs.start("slow-bump")).isInstanceOf(JobStartRefusedException.class)
                    .hasMessageContaining("Job 'slow-bump' is running already")
                    .extracting(e -> ((JobStartRefusedException) e).reason()).isEqualTo(JobStartRefusedException.Reason.ALREADY_RUNNING);
            assertThatThrownBy(() -> jobs.run("slow-bump")).isInstanceOf(JobStartRefusedException.class);
            assertThat(awaitEnd(jobs, "slow-bump").state()).isEqualTo("done");
            assertThat(db.queryLong("SELECT count(*) FROM slow_item WHERE n <> 1")).as("rows not changed exactly once").isZero();
        });
    }

    @Test
    void aJobRunningInAnotherInstanceOfTheApplicationIsRefusedThereNamingIt() {
        runner().run(first -> runner().run(second -> {
            first.getBean(RowSweepJobs.class).start("slow-bump");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (db.queryLong("SELECT count(*) FROM slow_item WHERE n = 1") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            RowSweepJobs other = second.getBean(RowSweepJobs.class);
            assertThatThrownBy(() -> other.start("slow-bump")).isInstanceOf(JobStartRefusedException.class)
                    .hasMessageContaining("Job 'slow-bump' is running in another process (")
                    .hasMessageContaining("rowsweep pause --job slow-bump").hasMessageEndingWith("Nothing was started.")
                    .extracting(e -> ((JobStartRefusedException) e).httpStatus()).isEqualTo(409);
            assertThat(other.lastRun("slow-bump")).as("a run recorded in the refusing instance").isEmpty();
            assertThat(awaitEnd(first.getBean(RowSweepJobs.class), "slow-bump").state()).isEqualTo("done");
            assertThat(db.queryLong("SELECT count(*) FROM slow_item WHERE n <> 1")).as("rows not changed exactly once").isZero();
            other.start("slow-bump"); // ended there: this one may start it (a completed update is not applied again)
            assertThat(awaitEnd(other, "slow-bump").summary().status()).isEqualTo(RunStatus.ALREADY_DONE);
            assertThat(db.queryLong("SELECT count(*) FROM slow_item WHERE n <> 1")).isZero();
        }));
    }

    @Test
    void parametersFromJavaAreCheckedAgainstTheirTypesAndArePartOfTheSpec() {
        runner().withUserConfiguration(Parameterized.class).run(context -> {
            RowSweepJobs jobs = context.getBean(RowSweepJobs.class);
            assertThatThrownBy(() -> jobs.start("bump-by", Map.of("by", "three"))).isInstanceOf(JobStartRefusedException.class)
                    .hasMessage("Job 'bump-by' was not started: parameter 'by' takes an integer, and 'three' is not one (e.g. 42)."
                            + " Nothing was started.")
                    .extracting(e -> ((JobStartRefusedException) e).httpStatus()).isEqualTo(400);
            assertThatThrownBy(() -> jobs.start("bump-by", Map.of("by", 2.5))).hasMessageContaining("parameter 'by' takes an integer,"
                    + " and '2.5' is not one");
            assertThatThrownBy(() -> jobs.start("bump", Map.of("by", 1))).hasMessageContaining("there is no parameter 'by' (its"
                    + " parameters: none)");
            assertThatThrownBy(() -> jobs.retry("bump-by")).hasMessageContaining("has not run yet")
                    .extracting(e -> ((JobStartRefusedException) e).reason()).isEqualTo(JobStartRefusedException.Reason.NOTHING_TO_RETRY);
            try (Connection c = db.connect()) {
                assertThat(JobStateReader.of(c, null).exists()).as("job state tables created").isFalse();
            }

            RunSummary summary = jobs.run("bump-by", Map.of("by", 3L));
            assertThat(summary.status()).isEqualTo(RunStatus.DONE);
            assertThat(db.queryLong("SELECT count(*) FROM item WHERE n <> 3")).as("rows not changed by 3 once").isZero();
            assertThat(jobs.lastRun("bump-by").orElseThrow().parameters()).isEqualTo(Map.of("by", "3"));
            try (Connection c = db.connect()) {
                assertThat(JobStateReader.of(c, null).job("bump-by").orElseThrow().parameters()).isEqualTo(Map.of("by", "3"));
            }
            assertThatThrownBy(() -> jobs.start("bump-by", Map.of("by", 4))).hasMessageContaining("completed with by=3")
                    .extracting(e -> ((JobStartRefusedException) e).reason()).isEqualTo(JobStartRefusedException.Reason.OTHER_PARAMETERS);
            assertThatThrownBy(() -> jobs.retry("bump-by")).hasMessageContaining("it has no failed chunks to retry");
            assertThat(jobs.run("bump-by", Map.of("by", "3")).status()).as("the same values again").isEqualTo(RunStatus.ALREADY_DONE);
            assertThat(db.queryLong("SELECT count(*) FROM item WHERE n <> 3")).isZero();
        });
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean("rowsweepHealthIndicator", HealthIndicator.class).health();
    }

    static JobRun awaitEnd(RowSweepJobs jobs, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JobRun run = jobs.lastRun(name).orElseThrow();
            if (!run.running()) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + name + " still running after 120 s");
    }
}
