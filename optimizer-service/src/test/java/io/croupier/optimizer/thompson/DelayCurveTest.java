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
    private final DelayGrid grid = DelayGrid.upTo(Duration.ofHours(2));

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

    /**
     * Ten deposits of clicks three hours old: four 10 minutes after the click, four after 45 minutes, two after 90.
     * Three deposits of clicks only 40 minutes old, all 10 minutes after the click: those clicks cannot have shown a
     * later deposit yet, so they must not pull the curve toward short delays. By hand:
     * F(2h) = 1; F(1h) = 8/10 of F(2h) (only the old cohorts are 2 h old) = 0.8; F(30m) = 4/8 of F(1h) = 0.4;
     * F(15m) = 7/7 of F(30m) (both cohorts are at least 30 minutes old) = 0.4; F(5m) = 0/7 = 0.
     * The empirical share below 30 minutes would say 7/13 = 0.54.
     */
    @Test
    void onlyCohortsOldEnoughToShowADelaySayHowOftenItHappens() {
        DelayCurve curve = DelayCurve.estimate(handComputedCohorts(), DelayCurve.immediate(grid), 0);

        assertThat(curve.points()).extracting(DelayCurve.Point::arrived)
            .containsExactly(0.0, 0.4, 0.4, 0.8, 1.0);
        assertThat(curve.points()).extracting(DelayCurve.Point::after)
            .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
                    Duration.ofHours(2));
    }

    @Test
    void betweenPointsTheCurveIsLinear() {
        DelayCurve curve = DelayCurve.estimate(handComputedCohorts(), DelayCurve.immediate(grid), 0);

        assertThat(curve.arrivedBy(0)).isZero();
        assertThat(curve.arrivedBy(10 * MINUTE)).isCloseTo(0.2, within(1e-12));
        assertThat(curve.arrivedBy(45 * MINUTE)).isCloseTo(0.6, within(1e-12));
        assertThat(curve.arrivedBy(90 * MINUTE)).isCloseTo(0.9, within(1e-12));
        assertThat(curve.arrivedBy(3 * HOUR)).isEqualTo(1.0);
    }

    @Test
    void whereAnOfferHasFewMaturedDepositsItsCurveFollowsThePrior() {
        DelayCurve prior = DelayCurve.estimate(handComputedCohorts(), DelayCurve.immediate(grid), 0);
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
        DelayCurve curve = DelayCurve.estimate(handComputedCohorts(), DelayCurve.immediate(grid), 0);

        assertThat(curve.discountedArrivals(45 * MINUTE, 10 * HOUR, 0)).isCloseTo(0.6, within(1e-12));
        assertThat(curve.discountedArrivals(5 * HOUR, 10 * HOUR, 0)).isCloseTo(1.0, within(1e-12));
        // Three hours old, but only deposits of the last two hours count: those between 1 h and 2 h after the click.
        assertThat(curve.discountedArrivals(3 * HOUR, 2 * HOUR, 0)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void withDecayEachExpectedDepositCountsByItsOwnAge() {
        DelayCurve curve = DelayCurve.estimate(handComputedCohorts(), DelayCurve.immediate(grid), 0);
        double decay = Math.log(2) / HOUR;
        long age = 100 * MINUTE;

        // The integral of exp(-decay (age - d)) dF(d) for d in [0, age], summed in one-second steps.
        double expected = 0;
        for (long d = 0; d < age; d += 1000) {
            expected += Math.exp(-decay * (age - d - 500)) * (curve.arrivedBy(d + 1000) - curve.arrivedBy(d));
        }
        assertThat(curve.discountedArrivals(age, 10 * HOUR, decay)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void theImmediateCurveCountsEveryClickOnceItIsAFewMinutesOld() {
        DelayCurve immediate = DelayCurve.immediate(grid);

        assertThat(immediate.arrivedBy(5 * MINUTE)).isEqualTo(1.0);
        assertThat(immediate.discountedArrivals(HOUR, 10 * HOUR, 0)).isCloseTo(1.0, within(1e-12));
    }

    private DelayObservations handComputedCohorts() {
        DelayObservations observations = new DelayObservations(grid);
        for (int i = 0; i < 4; i++) {
            observations.add(3 * HOUR, 10 * MINUTE);
            observations.add(3 * HOUR, 45 * MINUTE);
        }
        observations.add(3 * HOUR, 90 * MINUTE);
        observations.add(3 * HOUR, 90 * MINUTE);
        for (int i = 0; i < 3; i++) {
            observations.add(40 * MINUTE, 10 * MINUTE);
        }
        return observations;
    }
}
