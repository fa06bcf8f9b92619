package io.rowsweep.bench.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reading pgbench's per-transaction log and the percentiles of a window, without a database. */
class LatenciesTest {

    @Test
    void pgbenchLogLinesGiveEachTransactionsScheduledStartAndLatency() {
        List<AppTransaction> t = AppTransaction.parse(List.of(
                "0 1 435 0 1795441176 347086 87",
                "1 7 2000500 0 1795441180 500000",
                "0"));
        assertThat(t).containsExactly(
                new AppTransaction(1795441176_347086L - 435, 435),
                new AppTransaction(1795441180_500000L - 2_000_500, 2_000_500));
    }

    @Test
    void percentilesByNearestRankOverTheTransactionsThatStartedInTheWindow() {
        List<AppTransaction> all = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            all.add(new AppTransaction(10_000_000L + i * 1000L, i * 1000L)); // 1..1000 ms, one per ms from t = 10 s
        }
        all.add(new AppTransaction(5_000_000L, 9_000_000L)); // before the window
        Latencies l = Latencies.of(all, 10_000_000L, 11_000_001L);
        assertThat(l.transactions()).isEqualTo(1000);
        assertThat(l.p50Millis()).isEqualTo(500.0);
        assertThat(l.p99Millis()).isEqualTo(990.0);
        assertThat(l.p999Millis()).isEqualTo(999.0);
        assertThat(l.maxMillis()).isEqualTo(1000.0);
        assertThat(l.slow()).isZero();
        assertThat(l.perSecond()).isCloseTo(1000.0, within(0.01));
        assertThat(Latencies.of(all, 0, 1).transactions()).isZero();
    }
}
