package io.rowsweep.spring;

import io.rowsweep.core.LatencyGuard;
import io.rowsweep.core.QueuedRun;
import io.rowsweep.core.control.JobControl;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.core.state.JobStatus;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.update.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rowsweep.worker.enabled=true} on PostgreSQL: the application runs the backfills queued in
 * its database (as a migration queues them, with {@code Update.queue}), several instances share
 * one, an instance stopped in the middle loses nothing, and every row is changed exactly once
 * (a non-idempotent {@code n = n + 1}, checked with SQL).
 */
class QueuedJobWorkerTest {

    private TestSchema db;

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(DatabaseKind.POSTGRES);
    }

    @AfterEach
    void dropSchema() {
        if (db != null) {
            db.close();
        }
    }

    private void table(String name, int rows) {
        db.execute("CREATE TABLE " + name + " (id BIGINT PRIMARY KEY, n INT NOT NULL)", "INSERT INTO " + name + " SELECT g.i, 0 FROM "
                + db.series(rows));
    }

    /** Queues {@code n = n + 1} on {@code table} as a migration does: in a transaction of its own, committed. */
    private void queue(String table, String job, Integer maxRowsPerSecond) throws Exception {
        Update update = Update.of(db.dataSource(2)).table(table).set("n = n + 1").job(job).latencyGuard(LatencyGuard.OFF)
                .heartbeatInterval(Duration.ofMillis(500)).initialChunkRows(500).minChunkRows(100).maxChunkRows(1_000);
        if (maxRowsPerSecond != null) {
            update = update.maxRowsPerSecond(maxRowsPerSecond);
        }
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            assertThat(update.queue(c).state()).isEqualTo(QueuedRun.State.QUEUED);
            c.commit();
        }
    }

    private ApplicationContextRunner application(String... properties) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RowSweepAutoConfiguration.class))
                .withBean(DataSource.class, () -> db.dataSource(8)).withPropertyValues(properties);
    }

    private ApplicationContextRunner worker() {
        return application("rowsweep.worker.enabled=true", "rowsweep.worker.poll-interval=200ms", "rowsweep.worker.workers=2");
    }

    private Optional<JobRecord> job(String name) throws Exception {
        try (Connection c = db.connect()) {
            return JobStateReader.of(c, null).job(name);
        }
    }

    private JobStatus awaitEnd(String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus status = job(name).map(JobRecord::status).orElseThrow();
            if (status != JobStatus.RUNNING && status != JobStatus.PAUSED) {
                return status;
            }
            Thread.sleep(100);
        }
        return job(name).map(JobRecord::status).orElseThrow();
    }

    private long doneChunks(String job) {
        return db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE job_name = '" + job + "' AND status = 'DONE'");
    }

    @Test
    void aBackfillQueuedBeforeTheApplicationStartsIsRunByItExactlyOnce() throws Exception {
        table("account", 30_000);
        queue("account", "backfill-account", null);
        worker().run(context -> {
            assertThat(context).hasSingleBean(QueuedJobWorker.class);
            assertThat(awaitEnd("backfill-account", Duration.ofSeconds(60))).isEqualTo(JobStatus.DONE);
        });
        assertThat(db.queryLong("SELECT count(*) FROM account WHERE n <> 1")).as("rows not changed exactly once").isZero();
    }

    @Test
    void twoInstancesShareABackfillQueuedWhileTheyRunAndOneStoppedInTheMiddleLosesNothing() throws Exception {
        table("ledger", 60_000);
        worker().run(first -> worker().run(second -> {
            queue("ledger", "backfill-ledger", 8_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (doneChunks("backfill-ledger") < 10 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(doneChunks("backfill-ledger")).as("chunks done before the first instance stops").isGreaterThanOrEqualTo(10);
            first.close(); // its running chunks commit; the second instance does the rest
            assertThat(db.queryLong("SELECT count(*) FROM ledger WHERE n = 0")).as("rows left for the second instance").isPositive();
            assertThat(awaitEnd("backfill-ledger", Duration.ofSeconds(90))).isEqualTo(JobStatus.DONE);
        }));
        assertThat(db.queryLong("SELECT count(*) FROM ledger WHERE n <> 1")).as("rows not changed exactly once").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_worker WHERE job_name = 'backfill-ledger' AND role = 'WORKER'"
                + " AND chunks_done > 0")).as("instances that did chunks").isEqualTo(2);
    }

    @Test
    void aBackfillAFlywayMigrationQueuesAtStartIsRunByTheApplicationAndTheNextDeploysMigrationFindsItDone() throws Exception {
        ApplicationContextRunner flyway = worker().withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class));
        flyway.withPropertyValues("spring.flyway.locations=classpath:db/rowsweep/deploy1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(awaitEnd("orders-points", Duration.ofSeconds(60))).isEqualTo(JobStatus.DONE);
        });
        assertThat(db.queryLong("SELECT count(*) FROM orders")).isEqualTo(40_000);
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE points IS NULL OR points <> 1")).as("rows not changed exactly once")
                .isZero();

        long started = System.nanoTime();
        flyway.withPropertyValues("spring.flyway.locations=classpath:db/rowsweep/deploy1,classpath:db/rowsweep/deploy2")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the second deploy's start").isLessThan(Duration.ofSeconds(20));
        assertThat(db.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'orders' AND column_name = 'points'")).isEqualTo("NO");
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE points <> 1")).isZero();
    }

    @Test
    void theSameWithLiquibaseInTheVersionSpringBootManages() throws Exception {
        ApplicationContextRunner liquibase = worker().withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class));
        liquibase.withPropertyValues("spring.liquibase.change-log=classpath:db/rowsweep/liquibase/deploy1.xml").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(awaitEnd("shipments-points", Duration.ofSeconds(60))).isEqualTo(JobStatus.DONE);
        });
        assertThat(db.queryLong("SELECT count(*) FROM shipments")).isEqualTo(30_000);
        assertThat(db.queryLong("SELECT count(*) FROM shipments WHERE points IS NULL OR points <> 1")).as("rows not changed exactly once")
                .isZero();

        liquibase.withPropertyValues("spring.liquibase.change-log=classpath:db/rowsweep/liquibase/deploy2.xml")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'shipments' AND column_name = 'points'")).isEqualTo("NO");
        assertThat(db.queryLong("SELECT count(*) FROM shipments WHERE points <> 1")).isZero();
    }

    @Test
    void aPausedBackfillWaitsUntilItIsResumed() throws Exception {
        table("invoice", 5_000);
        queue("invoice", "backfill-invoice", null);
        JobControl.of(db.dataSource(1)).pause("backfill-invoice");
        worker().run(context -> {
            Thread.sleep(1_500);
            assertThat(job("backfill-invoice").orElseThrow().requested()).isEqualTo(ControlRequest.PAUSE);
            assertThat(db.queryLong("SELECT count(*) FROM invoice WHERE n <> 0")).as("rows changed while paused").isZero();
            JobControl.of(db.dataSource(1)).resume("backfill-invoice");
            assertThat(awaitEnd("backfill-invoice", Duration.ofSeconds(60))).isEqualTo(JobStatus.DONE);
        });
        assertThat(db.queryLong("SELECT count(*) FROM invoice WHERE n <> 1")).as("rows not changed exactly once").isZero();
    }

    @Test
    void withoutTheWorkerTheApplicationLeavesQueuedJobsAlone() throws Exception {
        table("parcel", 2_000);
        queue("parcel", "backfill-parcel", null);
        application().run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(QueuedJobWorker.class);
            Thread.sleep(1_000);
        });
        assertThat(doneChunks("backfill-parcel")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM parcel WHERE n <> 0")).isZero();
    }

    @Test
    void badWorkerPropertiesStopTheApplicationNamingTheProperty() {
        application("rowsweep.worker.workers=0").run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("rowsweep.worker.workers: '0' is not a number of threads"));
        application("rowsweep.worker.poll-interval=soon").run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("rowsweep.worker.poll-interval: 'soon' is not a positive duration"));
        application("rowsweep.worker.enabled=yes").run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("rowsweep.worker.enabled: 'yes' is not true or false"));
        application("rowsweep.worker.threads=2").run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("Unknown rowsweep property rowsweep.worker.threads").hasMessageContaining("rowsweep.worker.workers"));
    }
}
