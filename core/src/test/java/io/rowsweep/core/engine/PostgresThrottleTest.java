package io.rowsweep.core.engine;

import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.testkit.ReplicaPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresThrottleTest extends ThrottleContractTest {
    @Override
    ReplicaPair startPair(boolean linked) {
        return linked ? ReplicaPair.postgres(0) : ReplicaPair.postgres(); // a link: not limited until the test limits it
    }

    @Override
    long slowLinkBytesPerSecond() {
        return 3_000_000; // flat out, the increments write about 20 MB/s of write-ahead log here
    }

    /**
     * A logical decoding client (as Debezium is) streams from the primary and, like one with nothing to publish,
     * confirms no position: pg_stat_replication lists it, its replayed position stands still. It is no replica
     * anybody reads: the run goes at full speed, as alone.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aLogicalDecodingClientDoesNotSlowTheRunDown() throws Exception {
        Properties props = new Properties();
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        try (Connection c = DriverManager.getConnection(pair.primaryUrl(), props)) {
            PGConnection replication = c.unwrap(PGConnection.class);
            replication.getReplicationAPI().createReplicationSlot().logical().withSlotName("cdc").withOutputPlugin("test_decoding")
                    .make();
            try (PGReplicationStream stream = replication.getReplicationAPI().replicationStream().logical().withSlotName("cdc")
                    .withStatusInterval(1, TimeUnit.HOURS).start()) {
                Thread.sleep(1_100); // as in aloneOnTheDatabaseAnUpdateGoesAtFullSpeed: the setup's session counts for a while
                RunSummary summary = engine("beside-cdc", null).run(new IncrementJob("counted"));

                assertThat(summary.status()).isEqualTo(RunStatus.DONE);
                assertThat(summary.throttled()).as("nothing slowed the run down").isEmpty();
                assertThat(count("visits <> 1")).isZero();
            }
        }
    }
}
