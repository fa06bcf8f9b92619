package io.rowsweep.core.internal.throttle;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The lag of replicas the primary lists, from the positions it reports ten times a second (no database needed). */
class ReplicaLagTest {

    private static final long MS = 1_000_000;

    /** Primary and replica positions fed 100 ms apart. */
    private static final class Feed {
        final ReplicaLag lag = new ReplicaLag("SELECT 1", "job", 0);
        long nanos = 1_000_000_000L;
        long written;
        long replayed;

        /** One tenth of a second in which the primary writes {@code writeBytes} and the replica replays up to {@code replayBytes} of it. */
        Map<String, Long> tick(long writeBytes, long replayBytes) {
            nanos += 100 * MS;
            written += writeBytes;
            replayed = Math.min(written, replayed + replayBytes);
            LoadSample s = new LoadSample(true, 0, 0, 0, written, List.of(new LoadSample.ReplicaPosition("r", replayed)));
            return lag.lags(s, nanos, nanos / MS);
        }
    }

    @Test
    void aReplicaThatKeepsUpHasNoLag() {
        Feed f = new Feed();
        for (int i = 0; i < 50; i++) {
            assertThat(f.tick(400_000, 400_000).get("r")).isZero();
        }
    }

    @Test
    void aReplicaThatReceivesMoreThanItReplaysLagsByTheTimeItsBacklogTakes() {
        Feed f = new Feed();
        for (int i = 0; i < 10; i++) {
            f.tick(100_000, 100_000);
        }
        // The primary now writes 8 MB/s, the replica replays 4 MB/s: the backlog grows by 400 KB every tenth of a second.
        long first = -1;
        long last = 0;
        for (int i = 1; i <= 10; i++) {
            last = f.tick(800_000, 400_000).get("r");
            if (i == 1) {
                first = last;
            }
        }
        // After a second, 4 MB are waiting at 4 MB/s: a second of lag, though the oldest of it was written only a second ago.
        assertThat(last).isCloseTo(1_000L, within(150L));
        assertThat(first).as("shows from the first tenth of a second").isPositive();
    }

    @Test
    void aReplicaThatStopsReplayingLagsByTheAgeOfWhatItLacks() {
        Feed f = new Feed();
        for (int i = 0; i < 10; i++) {
            f.tick(100_000, 100_000);
        }
        long lag = 0;
        for (int i = 0; i < 30; i++) {
            lag = f.tick(100_000, 0).get("r");
        }
        assertThat(lag).isCloseTo(3_000L, within(150L));
    }
}
