package io.rowsweep.core.internal.plan;

import io.rowsweep.core.spi.job.Chunk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRangePlannerTest {

    @Test
    void readsThePageOfATid() {
        assertThat(KeyRangePlanner.pageOf("(12,65535)")).isEqualTo(12);
        assertThat(KeyRangePlanner.pageOf(" (0,1) ")).isEqualTo(0);
    }

    @Test
    void describesRanges() {
        assertThat(new Chunk("posts", 1, null, new String[] {"1000"}).range()).isEqualTo("[start..1000]");
        assertThat(new Chunk("posts", 2, new String[] {"1000"}, new String[] {"2000"}).range()).isEqualTo("(1000..2000]");
        assertThat(new Chunk("posts", 3, new String[] {"1", "b"}, null).range()).isEqualTo("((1,b)..end)");
    }
}
