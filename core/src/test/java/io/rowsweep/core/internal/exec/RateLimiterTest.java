package io.rowsweep.core.internal.exec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    @Test
    void withoutARateNobodyWaitsAndChunksAreNotCapped() {
        RateLimiter limiter = new RateLimiter(0, 4, 100);
        assertThat(limiter.account(1_000_000)).isZero();
        assertThat(limiter.chunkCeiling()).isEqualTo(Integer.MAX_VALUE);
        assertThat(limiter.rowsTotal()).isEqualTo(1_000_000);
    }

    @Test
    void aFixedRateMakesWorkersWaitAndKeepsChunksToASliceOfIt() {
        RateLimiter limiter = new RateLimiter(10_000, 2, 100);
        assertThat(limiter.chunkCeiling()).isEqualTo((int) (10_000 * RateLimiter.SLICE_SECONDS / 2)); // per worker
        long wait = limiter.account(5_000);
        assertThat(wait).isBetween(400_000_000L, 500_000_000L);
    }

    @Test
    void theGuardsAllowanceAppliesWhenLowerThanTheFixedRateAndNeverCapsBelowTheMinimumChunk() {
        RateLimiter limiter = new RateLimiter(10_000, 2, 100);
        limiter.guard(2_000);
        assertThat(limiter.rowsPerSecond()).isEqualTo(2_000);
        assertThat(limiter.chunkCeiling()).isEqualTo(100);
        limiter.guard(Double.POSITIVE_INFINITY);
        assertThat(limiter.rowsPerSecond()).isEqualTo(10_000);
    }
}
