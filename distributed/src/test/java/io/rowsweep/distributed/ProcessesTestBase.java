package io.rowsweep.distributed;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A schema of its own, and "processes" sharing a job in it: threads of the test's JVM, each with
 * a pool of its own, as separate processes would have.
 */
abstract class ProcessesTestBase {

    TestSchema db;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final ExecutorService processes = Executors.newCachedThreadPool();

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
    }

    @AfterEach
    void dropSchema() throws InterruptedException {
        processes.shutdownNow();
        processes.awaitTermination(30, TimeUnit.SECONDS);
        pools.forEach(HikariDataSource::close);
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    /** A pool for a process with {@code workers} workers (one connection each, three to coordinate). */
    HikariDataSource pool(int workers) {
        HikariDataSource pool = db.dataSource(workers + 3);
        pools.add(pool);
        return pool;
    }

    /** Runs {@code process} on a thread of its own. */
    <T> Future<T> start(Callable<T> process) {
        return processes.submit(process);
    }
}
