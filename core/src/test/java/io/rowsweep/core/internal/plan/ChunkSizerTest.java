package io.rowsweep.core.internal.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkSizerTest {

    @Test
    void growsAtMostTwofoldTowardTheTargetTime() {
        ChunkSizer sizer = new ChunkSizer(Duration.ofSeconds(1), 1000, 100, 100_000);
        sizer.record(1000, Duration.ofMillis(10)); // 100k rows/s: ideal 100k rows per second-long chunk
        assertThat(sizer.next()).isEqualTo(2000);
        for (int i = 0; i < 10; i++) {
            sizer.record(sizer.next(), Duration.ofMillis(sizer.next() / 100));
        }
        assertThat(sizer.next()).isEqualTo(100_000);
    }

    @Test
    void shrinksAtOnceWhenChunksRunLong() {
        ChunkSizer sizer = new ChunkSizer(Duration.ofSeconds(1), 10_000, 100, 100_000);
        sizer.record(10_000, Duration.ofSeconds(5)); // 2000 rows/s
        assertThat(sizer.next()).isEqualTo(2000);
    }

    @Test
    void staysWithinBounds() {
        ChunkSizer sizer = new ChunkSizer(Duration.ofMillis(100), 500, 200, 800);
        sizer.record(500, Duration.ofSeconds(100));
        assertThat(sizer.next()).isEqualTo(200);
        assertThat(new ChunkSizer(Duration.ofSeconds(1), 5000, 1, 800).next()).isEqualTo(800);
        assertThatThrownBy(() -> new ChunkSizer(Duration.ofSeconds(1), 1, 10, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyChunksDoNotChangeTheSize() {
        ChunkSizer sizer = new ChunkSizer(Duration.ofSeconds(1), 1000, 100, 100_000);
        sizer.record(0, Duration.ofMillis(1));
        assertThat(sizer.next()).isEqualTo(1000);
    }

    @Test
    void aTablesFirstChunkFollowsWhatTheJobLearnedFromOtherTables() {
        ChunkSizer job = new ChunkSizer(Duration.ofSeconds(1), 1000, 100, 100_000);
        ChunkSizer first = new ChunkSizer(job);
        assertThat(first.next()).isEqualTo(1000);
        for (int i = 0; i < 8; i++) {
            first.record(first.next(), Duration.ofMillis(first.next() / 50)); // 50k rows/s
        }
        assertThat(first.next()).isEqualTo(50_000);
        assertThat(new ChunkSizer(job).next()).as("a later table starts where the job is").isEqualTo(job.next()).isGreaterThan(10_000);
    }

    @Test
    void aCeilingCapsEveryTablesChunksWhileItHoldsWithoutChangingWhatIsLearnt() {
        java.util.concurrent.atomic.AtomicInteger ceiling = new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
        ChunkSizer job = new ChunkSizer(Duration.ofSeconds(1), 1000, 100, 100_000, ceiling::get);
        ChunkSizer table = new ChunkSizer(job);
        for (int i = 0; i < 8; i++) {
            table.record(table.next(), Duration.ofMillis(table.next() / 50)); // 50k rows/s
        }
        assertThat(table.next()).isEqualTo(50_000);
        ceiling.set(2_000);
        assertThat(table.next()).isEqualTo(2_000);
        assertThat(new ChunkSizer(job).next()).as("a later table too").isEqualTo(2_000);
        table.record(2_000, Duration.ofMillis(40));
        ceiling.set(10);
        assertThat(table.next()).as("never under min-chunk-rows").isEqualTo(100);
        ceiling.set(Integer.MAX_VALUE);
        assertThat(table.next()).as("the learnt size is back once the ceiling lifts").isEqualTo(50_000);
    }
}
