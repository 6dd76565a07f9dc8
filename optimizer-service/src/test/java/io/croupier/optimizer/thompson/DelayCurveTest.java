package io.croupier.optimizer.thompson;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The click-to-deposit curve on hand-computed cohorts. */
class DelayCurveTest {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private static final long HOUR = Duration.ofHours(1).toMillis();

    /** Points 5, 15, 30, 60 and 120 minutes. */
    private final DelayGrid grid = DelayGrid.upTo(HandComputedCohorts.HORIZON);

    @Test
    void theGridEndsAtTheHorizonAndNumbersBucketsLikeWidthBucket() {
        assertThat(grid.points()).containsExactly(5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR);
        assertThat(DelayGrid.upTo(Duration.ofDays(14)).horizon()).isEqualTo(Duration.ofDays(14).toMillis());
        assertThat(DelayGrid.upTo(Duration.ofDays(3)).points()).endsWith(Duration.ofDays(2).toMillis(),
                Duration.ofDays(3).toMillis());
        assertThat(grid.bucketOf(0)).isZero();
        assertThat(grid.bucketOf(5 * MINUTE - 1)).isZero();
        assertThat(grid.bucketOf(5 * MINUTE)).isEqualTo(1);
        assertThat(grid.bucketOf(45 * MINUTE)).isEqualTo(3);
        assertThat(grid.bucketOf(2 * HOUR)).isEqualTo(5);
        assertThat(grid.bucketOf(30 * HOUR)).isEqualTo(5);
    }

    /** HandComputedCohorts: the young cohorts' quick deposits do not pull the curve toward short delays. */
    @Test
    void onlyCohortsOldEnoughToShowADelaySayHowOftenItHappens() {
        DelayCurve curve = DelayCurve.estimate(HandComputedCohorts.observations(), DelayCurve.immediate(grid), 0);

        assertThat(curve.points()).extracting(DelayCurve.Point::arrived)
            .containsExactly(0.0, 0.4, 0.4, 0.8, 1.0);
        assertThat(curve.points()).extracting(DelayCurve.Point::after)
            .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
                    Duration.ofHours(2));
    }

    @Test
    void betweenPointsTheCurveIsLinear() {
        DelayCurve curve = DelayCurve.estimate(HandComputedCohorts.observations(), DelayCurve.immediate(grid), 0);

        assertThat(curve.arrivedBy(0)).isZero();
        assertThat(curve.arrivedBy(10 * MINUTE)).isCloseTo(0.2, within(1e-12));
        assertThat(curve.arrivedBy(45 * MINUTE)).isCloseTo(0.6, within(1e-12));
        assertThat(curve.arrivedBy(90 * MINUTE)).isCloseTo(0.9, within(1e-12));
        assertThat(curve.arrivedBy(3 * HOUR)).isEqualTo(1.0);
    }

    @Test
    void whereAnOfferHasFewMaturedDepositsItsCurveFollowsThePrior() {
        DelayCurve prior = DelayCurve.estimate(HandComputedCohorts.observations(), DelayCurve.immediate(grid), 0);
        DelayObservations fewOwn = new DelayObservations(grid);
        // Ten deposits of two-hour-old clicks, all within 45 minutes: F(1h)/F(2h) leans on the prior's 0.8 by 10.
        for (int i = 0; i < 10; i++) {
            fewOwn.add(3 * HOUR, 45 * MINUTE);
        }

        assertThat(DelayCurve.estimate(new DelayObservations(grid), prior, 10).points())
            .extracting(DelayCurve.Point::arrived)
            .containsExactly(0.0, 0.4, 0.4, 0.8, 1.0);
        DelayCurve blended = DelayCurve.estimate(fewOwn, prior, 10);
        assertThat(blended.arrivedBy(HOUR)).isCloseTo((10 + 10 * 0.8) / 20, within(1e-12));
    }

    @Test
    void withoutDecayAClickHasProducedTheShareOfItsDepositsDueByItsAge() {
        DelayCurve curve = DelayCurve.estimate(HandComputedCohorts.observations(), DelayCurve.immediate(grid), 0);

        assertThat(curve.arrivals(10 * HOUR, 0).of(45 * MINUTE)).isCloseTo(0.6, within(1e-12));
        assertThat(curve.arrivals(10 * HOUR, 0).of(5 * HOUR)).isCloseTo(1.0, within(1e-12));
        // Three hours old, but only deposits of the last two hours count: those between 1 h and 2 h after the click.
        assertThat(curve.arrivals(2 * HOUR, 0).of(3 * HOUR)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void withDecayEachExpectedDepositCountsByItsOwnAge() {
        DelayCurve curve = DelayCurve.estimate(HandComputedCohorts.observations(), DelayCurve.immediate(grid), 0);
        DelayCurve.Arrivals arrivals = curve.arrivals(10 * HOUR, Math.log(2) / HOUR);

        // Within the horizon, and past it (where the whole curve counts, scaled by the click's age).
        assertThat(arrivals.of(100 * MINUTE)).isCloseTo(summed(curve, 100 * MINUTE), within(1e-6));
        assertThat(arrivals.of(5 * HOUR)).isCloseTo(summed(curve, 5 * HOUR), within(1e-6));
    }

    /** The integral of exp(-decay (age - d)) dF(d) for d in [0, age], decay a one-hour half-life, in 1 s steps. */
    private static double summed(DelayCurve curve, long age) {
        double decay = Math.log(2) / HOUR;
        double sum = 0;
        for (long d = 0; d < age; d += 1000) {
            sum += Math.exp(-decay * (age - d - 500)) * (curve.arrivedBy(d + 1000) - curve.arrivedBy(d));
        }
        return sum;
    }

    @Test
    void theImmediateCurveCountsEveryClickOnceItIsAFewMinutesOld() {
        DelayCurve immediate = DelayCurve.immediate(grid);

        assertThat(immediate.arrivedBy(5 * MINUTE)).isEqualTo(1.0);
        assertThat(immediate.arrivals(10 * HOUR, 0).of(HOUR)).isCloseTo(1.0, within(1e-12));
    }
}
