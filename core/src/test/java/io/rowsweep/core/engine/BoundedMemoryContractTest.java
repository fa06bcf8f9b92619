package io.rowsweep.core.engine;

import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory is bounded by design: streaming 5 million rows (about 600 MB of row data) through the
 * engine in a JVM limited to a 64 MB heap completes, and sees every row (checksum from SQL).
 * Chunks are a million rows each, so a driver that buffered a chunk instead of streaming it
 * would run out of memory.
 */
abstract class BoundedMemoryContractTest {

    static final long ROWS = 5_000_000;

    abstract DatabaseKind kind();

    @Test
    void fiveMillionRowsWithA64MegabyteHeap() throws Exception {
        try (TestSchema db = TestDatabases.newSchema(kind())) {
            db.execute("CREATE TABLE big (id BIGINT PRIMARY KEY, title VARCHAR(200), body VARCHAR(200))");
            db.execute("INSERT INTO big SELECT g.i, CONCAT('title number ', g.i), "
                    + "CONCAT('a body that is long enough to make each row weigh about a hundred bytes, row ', g.i) FROM " + db.series(ROWS));
            long expectedSum = db.queryLong("SELECT sum(id) FROM big");
            ChildJvm child = ChildJvm.start(EngineMain.class, List.of("-Xmx64m"), db.url(), "stream", "big", "memory-job", "2", "0", "1000000", "fixed");
            int exit = child.waitFor(600);
            String out = child.output();
            child.cleanUp();
            assertThat(exit).as(out).isZero();
            assertThat(out).contains("RESULT status=DONE rows=" + ROWS + " checksum=" + expectedSum).contains("maxHeapMb=");
            assertThat(Long.parseLong(out.replaceAll("(?s).*maxHeapMb=(\\d+).*", "$1"))).isLessThanOrEqualTo(64);
        }
    }
}
