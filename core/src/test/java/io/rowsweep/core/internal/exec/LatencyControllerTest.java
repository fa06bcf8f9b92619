package io.rowsweep.core.internal.exec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyControllerTest {

    private static final long MS = 1_000_000;
    private static final long TICK = 100 * MS;

    /** Feeds probes 100 ms apart while the run does {@code rowsPerSecond}; returns the last allowance. */
    private static final class Feed {
        final LatencyController c;
        long now;
        long rows;

        Feed(LatencyController c) {
            this.c = c;
        }

        double probe(long latencyMillis, double rowsPerSecond) {
            return probe(latencyMillis, rowsPerSecond, LatencyController.Pressure.NONE_KNOWN);
        }

        double probe(long latencyMillis, double rowsPerSecond, LatencyController.Pressure pressure) {
            now += TICK;
            rows += (long) (rowsPerSecond / 10);
            return c.onProbe(latencyMillis * MS, rows, now, pressure);
        }
    }

    private static final LatencyController.Pressure ALONE = new LatencyController.Pressure(false, null, null);
    private static final LatencyController.Pressure APPLICATION = new LatencyController.Pressure(true, null, null);

    @Test
    void withNobodyElseOnTheDatabaseTheRunsOwnSlowCommitsDoNotSlowItDown() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        for (int i = 0; i < 100; i++) {
            assertThat(f.probe(40, 100_000, ALONE)).isInfinite();
        }
        assertThat(f.c.reason()).isNull();
    }

    @Test
    void afterAReplicaFellBehindTheRunGrowsBackStepByStepInsteadOfJumpingToFullSpeed() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        for (int i = 0; i < 20; i++) {
            f.probe(2, 100_000, ALONE);
        }
        f.probe(2, 100_000, new LatencyController.Pressure(false, "replica lag 0.6 s on r (max-replica-lag 1.0 s)", null));
        LatencyController.Pressure caughtUp = new LatencyController.Pressure(false, null, null, true);
        double allowed = 0;
        for (int i = 0; i < 3 * LatencyController.CALM_TO_RELEASE; i++) {
            allowed = f.probe(2, 50_000, caughtUp);
        }
        assertThat(allowed).as("at most about 3x what it achieves, growing 5 percent a probe").isFinite().isLessThan(160_000);
    }

    @Test
    void aLaggingReplicaSlowsTheRunDownEvenWithNobodyElseOnTheDatabase() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        for (int i = 0; i < 20; i++) {
            f.probe(2, 100_000, ALONE);
        }
        LatencyController.Pressure lag = new LatencyController.Pressure(false, "replica lag 1.4 s on r (max-replica-lag 1.0 s)", null);
        assertThat(f.probe(2, 100_000, lag)).isCloseTo(50_000, within(5_000.0));
        assertThat(f.c.reason()).startsWith("replica lag 1.4 s");
        // Back under the limit with nobody else there: grows, then after a calm second goes back to full speed.
        double allowed = 0;
        for (int i = 0; i < LatencyController.CALM_TO_RELEASE - 1; i++) {
            allowed = f.probe(2, 50_000, ALONE);
        }
        assertThat(allowed).isFinite();
        assertThat(f.c.reason()).isEqualTo("recovering from replica lag 1.4 s on r (max-replica-lag 1.0 s)");
        assertThat(f.probe(2, 50_000, ALONE)).isInfinite();
        assertThat(f.c.reason()).isNull();
    }

    @Test
    void aPauseStopsTheRunAndItsEndResumesWhereTheRateWas() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        LatencyController.Pressure critical = new LatencyController.Pressure(true, null, "critical load: 60 other sessions running");
        assertThat(f.probe(2, 100_000, critical)).isZero();
        assertThat(f.c.reason()).isEqualTo("critical load: 60 other sessions running");
        assertThat(f.probe(2, 0, APPLICATION)).isInfinite();
    }

    @Test
    void aSlowStartDoublesEveryHalfSecondUntilSomethingSignals() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        f.c.slowStart(1_000);
        double rate = 1_000;
        for (int i = 0; i < 5 * LatencyController.WINDOW; i++) {
            rate = f.probe(2, rate, APPLICATION);
        }
        assertThat(rate).as("five doublings in 2.5 s").isCloseTo(32_000, within(3_000.0));
        assertThat(f.c.reason()).startsWith("slow start");
        double cut = f.probe(30, rate, APPLICATION);
        assertThat(cut).isLessThan(rate);
        assertThat(f.c.reason()).startsWith("commit latency 30.0 ms");
        assertThat(f.probe(2, cut, APPLICATION)).as("after the first cut, growth is gentle").isLessThan(cut * 1.1);
    }

    @Test
    void baselineIsTheMedianSoOneSlowProbeDoesNotSetIt() {
        assertThat(LatencyController.baseline(new long[]{3, 1, 2, 900, 2})).isEqualTo(2);
    }

    @Test
    void aRunThatLeavesTheLatencyAloneIsNeverLimited() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        for (int i = 0; i < 100; i++) {
            assertThat(f.probe(i % 2 == 0 ? 2 : 3, 100_000)).isInfinite(); // all under 1.5 x 2 ms + 0.5 ms
        }
    }

    @Test
    void risingLatencyHalvesTheAchievedRateThenWaitsForTheEffect() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        for (int i = 0; i < 20; i++) {
            f.probe(2, 100_000);
        }
        double allowed = Double.POSITIVE_INFINITY;
        int probes = 0;
        while (Double.isInfinite(allowed)) {
            allowed = f.probe(30, 100_000);
            probes++;
        }
        assertThat(probes).as("one slow probe is enough").isEqualTo(1);
        assertThat(allowed).isCloseTo(50_000, within(5_000.0));
        for (int i = 1; i < LatencyController.SETTLE; i++) {
            assertThat(f.probe(30, 50_000)).as("no second cut before the first shows").isEqualTo(allowed);
        }
        assertThat(f.probe(30, 50_000)).as("still too slow: cut again").isLessThan(allowed);
    }

    @Test
    void neverLimitsBelowAShareOfTheBestRateSoTheRunFinishes() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        for (int i = 0; i < 20; i++) {
            f.probe(2, 100_000);
        }
        double allowed = 0;
        for (int i = 0; i < 200; i++) {
            allowed = f.probe(500, 1_000); // the database stays slow whatever the run does
        }
        assertThat(allowed).isGreaterThanOrEqualTo(100_000 * LatencyController.MIN_SHARE * 0.99);
    }

    @Test
    void recoversGraduallyOnceTheLatencyIsBackButNotFarPastWhatTheRunAchieves() {
        Feed f = new Feed(new LatencyController(2 * MS, 100));
        for (int i = 0; i < 20; i++) {
            f.probe(2, 100_000);
        }
        double cut = Double.POSITIVE_INFINITY;
        while (Double.isInfinite(cut)) {
            cut = f.probe(30, 100_000);
        }
        for (int i = 0; i < LatencyController.WINDOW; i++) {
            cut = f.probe(2, cut);
        }
        double next = f.probe(2, cut);
        assertThat(next).as("one step up, not a jump").isGreaterThan(cut).isLessThanOrEqualTo(cut * LatencyController.GROWTH * 1.001);
        double allowed = next;
        for (int i = 0; i < 300; i++) {
            allowed = f.probe(2, 20_000); // the run cannot use more than 20,000 rows/s
        }
        assertThat(allowed).isLessThanOrEqualTo(3 * 20_000 * 1.01);
    }

    @Test
    void theBaselineFollowsTheRunsUsualLatencyDownButNeverUp() {
        Feed f = new Feed(new LatencyController(4 * MS, 100));
        for (int i = 0; i < LatencyController.RECENT; i++) {
            f.probe(1, 100_000); // faster than before the run: the CPUs no longer sleep between probes
        }
        assertThat(f.c.baselineNanos()).isEqualTo(1 * MS);
        assertThat(f.probe(5, 100_000)).as("5 ms was fine against 4 ms, not against 1 ms").isFinite();
        Feed g = new Feed(new LatencyController(1 * MS, 100));
        for (int i = 0; i < LatencyController.RECENT * 2; i++) {
            g.probe(10, 100_000);
        }
        assertThat(g.c.baselineNanos()).isEqualTo(1 * MS);
    }
}
