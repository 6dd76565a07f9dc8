package io.croupier.optimizer.thompson;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The posterior update, the delay correction, noticing a changed offer and the routing shares, on hand-made evidence. */
class DelayAwareThompsonTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private static final long HOUR = Duration.ofHours(1).toMillis();

    /**
     * A two-hour delay horizon, ten hours of history, evidence that barely fades and an offer curve from the offer's
     * own deposits alone, for numbers checked by hand.
     */
    private static final ThompsonSettings SMALL = new ThompsonSettings(Duration.ofMinutes(1), Duration.ofHours(10),
            Duration.ofHours(2), Duration.ofDays(36500), Duration.ofDays(36500), new BigDecimal("0.01"), 20_000, 1,
            1e-9, 1e-4, new BigDecimal("0.25"), ThompsonSettings.Allocation.PROBABILITY_BEST);

    @Test
    void theConversionPosteriorCountsARecentClickOnlyByTheShareOfItsDepositsDueByNow() {
        // The offer's curve is F(30 min) = 0.4 (HandComputedCohorts). The last hour's 1000 clicks are half an
        // hour old on average, so they count as 400; the 1000 clicks of five hours ago have shown all their deposits.
        OfferEvidence offer = new OfferEvidence(1, "Alpha", true, List.of(hour(5, 1000, 30, 3000, 300_000),
                hour(1, 1000, 10, 1000, 100_000)), HandComputedCohorts.observations(), List.of());

        DelayAwareThompson.Assessment assessed = only(DelayAwareThompson.of(SMALL), offer);

        assertThat(assessed.exposure()).isCloseTo(1400, within(0.1));
        assertThat(assessed.deposits()).isCloseTo(40, within(0.01));
        // The prior: one deposit at the pooled rate, (40 + 0.5) / (1400 + 1).
        double pooledRate = 40.5 / 1401;
        assertThat(assessed.conversion().alpha()).isCloseTo(1 + 40, within(0.01));
        assertThat(assessed.conversion().beta()).isCloseTo((1 - pooledRate) / pooledRate + 1400 - 40, within(0.2));
        assertThat(assessed.conversion().mean()).isCloseTo(41 / (41 + 33.593 + 1360), within(1e-4));
        // Uncorrected, the 1000 recent clicks would count in full and the rate would look like 40 / 2000.
        DelayAwareThompson.Assessment naive = only(DelayAwareThompson.withoutDelayCorrection(SMALL), offer);
        assertThat(naive.exposure()).isCloseTo(2000, within(0.1));
    }

    @Test
    void theValuePosteriorIsRevenuePerDepositWithTheEntriesOwnSpread() {
        // 40 first deposits, half paying 50 and half 150: 4000 in 40 entries. The prior is one more entry at the pooled
        // value, here the offer's own 100. The entries' variance is 2500, so the mean's standard error is 50 / sqrt(41).
        OfferEvidence uneven = new OfferEvidence(1, "Alpha", true, List.of(new OfferEvidence.Hour(
                NOW.minus(Duration.ofHours(5)), 1000, 40,
                new OfferEvidence.Earned(4000, 20 * 50 * 50 + 20 * 150 * 150, 40), OfferEvidence.Earned.NONE)),
                HandComputedCohorts.observations(), List.of());
        // The same 4000 as a fixed CPA of 100: no doubt about the value at all.
        OfferEvidence fixed = new OfferEvidence(1, "Alpha", true, List.of(hour(5, 1000, 40, 4000, 400_000)),
                HandComputedCohorts.observations(), List.of());

        ValuePosterior spread = only(DelayAwareThompson.of(SMALL), uneven).value();

        assertThat(spread.mean()).isCloseTo(100, within(1e-9));
        assertThat(spread.withDeposit()).isCloseTo(100, within(1e-9));
        assertThat(spread.later()).isZero();
        assertThat(spread.standardError()).isCloseTo(50 / Math.sqrt(41), within(1e-4));
        assertThat(only(DelayAwareThompson.of(SMALL), fixed).value().standardError()).isCloseTo(0, within(1e-6));
    }

    @Test
    void laterRevenueIsCountedAgainstTheDepositsWhoseLaterRevenueIsDue() {
        // RevShare: every deposit is worth 200, arriving over two weeks on average. Deposits doubled three days ago,
        // so the newest deposits' revenue is still on its way: revenue over deposits would say about 154.
        List<OfferEvidence.Hour> hours = new ArrayList<>();
        double kept = Math.exp(-1.0 / (14 * 24));
        double pending = 0;
        for (int hoursAgo = 42 * 24; hoursAgo >= 1; hoursAgo--) {
            long deposits = hoursAgo > 3 * 24 ? 10 : 20;
            pending = pending * kept + deposits;
            double later = 200 * pending * (1 - kept);
            hours.add(new OfferEvidence.Hour(NOW.minus(Duration.ofHours(hoursAgo)), 500, deposits,
                    OfferEvidence.Earned.NONE, new OfferEvidence.Earned(later, later * 10, later / 10)));
        }
        ThompsonSettings settings = settings(Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(36500));
        OfferEvidence offer = new OfferEvidence(1, "RevShare", true, hours,
                new DelayObservations(DelayGrid.upTo(Duration.ofDays(14))), List.of());

        DelayAwareThompson.Assessment corrected = only(DelayAwareThompson.of(settings), offer);
        DelayAwareThompson.Assessment naive = only(DelayAwareThompson.withoutDelayCorrection(settings), offer);

        assertThat(corrected.revenueLag().toMinutes()).isCloseTo(Duration.ofDays(14).toMinutes(), within(60L));
        assertThat(corrected.value().later()).isCloseTo(200, within(2.0));
        assertThat(naive.value().later()).isCloseTo(154, within(2.0));
    }

    @Test
    void aSlowOfferIsNotTakenForAWorseOne() {
        // Both convert 3 % and pay 100 per deposit. Fast's players deposit 5 to 15 minutes after the click, Slow's
        // one to five days after. Slow's traffic quadrupled three days ago: today's deposits still come from the
        // lighter traffic before, and the clicks since have shown few of theirs yet.
        List<OfferEvidence> offers = List.of(
                synthetic(1, "Fast", hoursAgo -> 500, hoursAgo -> 0.03, Duration.ofMinutes(5), Duration.ofMinutes(15)),
                synthetic(2, "Slow", hoursAgo -> hoursAgo > 72 ? 200 : 800, hoursAgo -> 0.03, Duration.ofDays(1),
                        Duration.ofDays(5)));
        ThompsonSettings settings = settings(Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(2));

        List<DelayAwareThompson.Assessment> corrected = DelayAwareThompson.of(settings).weigh(offers, NOW, random());
        List<DelayAwareThompson.Assessment> naive = DelayAwareThompson.withoutDelayCorrection(settings).weigh(offers,
                NOW, random());

        assertThat(corrected.get(1).curve().arrivedBy(Duration.ofDays(3).toMillis())).isCloseTo(0.5, within(0.05));
        assertThat(corrected.get(1).conversion().mean()).isCloseTo(0.03, within(0.002));
        assertThat(corrected.get(0).conversion().mean()).isCloseTo(0.03, within(0.002));
        assertThat(corrected.get(1).routing().probabilityBest()).isBetween(0.2, 0.8);
        // Without the correction the new clicks count in full against deposits of the old traffic.
        assertThat(naive.get(1).conversion().mean()).isLessThan(0.02);
        assertThat(naive.get(0).routing().probabilityBest()).isEqualTo(1.0);
    }

    @Test
    void aChangedOfferIsNoticedByTheChangeTestAndThroughTheHalfLife() {
        // Changed converted 5 % for three weeks, then 1 % over the last three days; Steady converts 3 %. Both pay 100
        // and deposit within minutes of the click.
        List<OfferEvidence> offers = List.of(fast(1, "Changed", hoursAgo -> hoursAgo > 72 ? 0.05 : 0.01),
                fast(2, "Steady", hoursAgo -> 0.03));
        ThompsonSettings remembering = settings(Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(36500));

        List<DelayAwareThompson.Assessment> tested = DelayAwareThompson.of(remembering).weigh(offers, NOW, random());
        List<DelayAwareThompson.Assessment> fading = DelayAwareThompson
            .of(untested(settings(Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(1))))
            .weigh(offers, NOW, random());
        List<DelayAwareThompson.Assessment> neither = DelayAwareThompson.of(untested(remembering))
            .weigh(offers, NOW, random());

        assertThat(tested.get(0).change()).map(RateChange::since).contains(NOW.minus(Duration.ofHours(72)));
        assertThat(tested.get(0).conversion().mean()).isLessThan(0.012);
        assertThat(tested.get(1).change()).isEmpty();
        assertThat(tested.get(1).routing().probabilityBest()).isGreaterThan(0.99);
        assertThat(fading.get(0).conversion().mean()).isLessThan(0.02);
        assertThat(fading.get(1).routing().probabilityBest()).isGreaterThan(0.99);
        // Over the whole history the changed offer still averages about 4.4 %, better than 3 %.
        assertThat(neither.get(0).conversion().mean()).isGreaterThan(0.04);
        assertThat(neither.get(0).routing().probabilityBest()).isGreaterThan(0.99);
    }

    @Test
    void anOfferKnownToTheCentAndALittleWorseGetsOnlyTheFloorWhereThompsonSamplingSpendsClicksOnIt() {
        // Known: 3 % of 500 clicks an hour for four weeks at 100 a deposit, an earning per click of 3.00 known to the
        // cent. Young: one deposit in 30 clicks an hour over the last four days, 3.33 a click as far as its 96
        // deposits tell, perhaps under 3.00.
        List<OfferEvidence> offers = List.of(fast(1, "Known", hoursAgo -> 0.03),
                synthetic(2, "Young", hoursAgo -> hoursAgo <= 96 ? 30 : 0, hoursAgo -> 1.0 / 30,
                        Duration.ofMinutes(5), Duration.ofMinutes(15)));
        ThompsonSettings settings = settings(Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(36500));

        List<DelayAwareThompson.Assessment> informed = DelayAwareThompson.of(settings).weigh(offers, NOW, random());
        List<DelayAwareThompson.Assessment> thompson = DelayAwareThompson.of(thompsonSampling(settings))
            .weigh(offers, NOW, random());

        // Young may be worse, so Thompson sampling routes Known by that chance; but a click to Known teaches nothing.
        assertThat(thompson.get(0).routing().probabilityBest()).isBetween(0.03, 0.3);
        assertThat(thompson.get(0).routing().share()).isGreaterThan(0.04);
        assertThat(informed.get(0).routing().informationGain())
            .isLessThan(informed.get(1).routing().informationGain() / 100);
        assertThat(informed.get(0).routing().informationDirected()).isZero();
        assertThat(informed.get(0).routing().share()).isCloseTo(0.01, within(1e-12));
        assertThat(informed.get(1).routing().share()).isCloseTo(0.99, within(1e-12));
    }

    @Test
    void theShareIsTheAllocationPlusTheFloorAndWeightsAreRelativeToTheLargest() {
        List<OfferEvidence> offers = List.of(fast(1, "Best", hoursAgo -> 0.05), fast(2, "Worse", hoursAgo -> 0.01),
                new OfferEvidence(3, "Closed", false, List.of(hour(1, 5000, 500, 50_000, 5_000_000)),
                        new DelayObservations(DelayGrid.upTo(Duration.ofDays(14))), List.of()));

        List<DelayAwareThompson.Assessment> assessed = DelayAwareThompson
            .of(settings(Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(2))).weigh(offers, NOW, random());

        // Floor 0.01 for each of the two active offers, the remaining 0.98 by the allocation: Worse is never best.
        assertThat(assessed.get(0).routing().probabilityBest()).isEqualTo(1.0);
        assertThat(assessed.get(1).routing().allocated()).isZero();
        assertThat(assessed.get(0).routing().share()).isCloseTo(0.99, within(1e-12));
        assertThat(assessed.get(1).routing().share()).isCloseTo(0.01, within(1e-12));
        assertThat(assessed.get(0).routing().weight()).isEqualTo(1.0);
        assertThat(assessed.get(1).routing().weight()).isCloseTo(0.01 / 0.99, within(1e-12));
        // The inactive offer converts best of all, but gets nothing and wins nothing.
        assertThat(assessed.get(2).routing().probabilityBest()).isZero();
        assertThat(assessed.get(2).routing().allocated()).isZero();
        assertThat(assessed.get(2).routing().share()).isZero();
        assertThat(assessed.get(2).routing().weight()).isZero();
    }

    @Test
    void offersKnownToEarnNothingShareTheTrafficEvenly() {
        DelayObservations none = new DelayObservations(DelayGrid.upTo(Duration.ofDays(14)));
        List<OfferEvidence> offers = List.of(new OfferEvidence(1, "A", true, List.of(), none, List.of()),
                new OfferEvidence(2, "B", true, List.of(hour(2, 100, 0, 0, 0)), none, List.of()));

        List<DelayAwareThompson.Assessment> assessed = DelayAwareThompson
            .of(settings(Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(2))).weigh(offers, NOW, random());

        assertThat(assessed).extracting(assessment -> assessment.routing().share()).containsExactly(0.5, 0.5);
    }

    @Test
    void theSameEvidenceAndSeedGiveTheSameWeights() {
        List<OfferEvidence> offers = List.of(fast(1, "A", hoursAgo -> 0.03), fast(2, "B", hoursAgo -> 0.031));
        DelayAwareThompson policy = DelayAwareThompson.of(settings(Duration.ofDays(28), Duration.ofDays(14),
                Duration.ofDays(2)));

        assertThat(policy.weigh(offers, NOW, random())).extracting(DelayAwareThompson.Assessment::routing)
            .isEqualTo(policy.weigh(offers, NOW, random()).stream().map(DelayAwareThompson.Assessment::routing)
                .toList());
    }

    private static OfferEvidence fast(long id, String name, IntToDoubleFunction rate) {
        return synthetic(id, name, hoursAgo -> 500, rate, Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    /**
     * Four weeks of {@code clicks(hours ago)} an hour, converting at {@code rate(hours ago)}, each deposit paying 100. A click hour's
     * deposits come evenly spread between {@code minDelay} and {@code maxDelay} after its clicks (taken at the middle
     * of the hour); a deposit counts in the hour it happens, and only if it has happened by now.
     */
    private static OfferEvidence synthetic(long id, String name, IntUnaryOperator clicks, IntToDoubleFunction rate,
            Duration minDelay, Duration maxDelay) {
        DelayObservations delays = new DelayObservations(DelayGrid.upTo(Duration.ofDays(14)));
        long[] depositsHoursAgo = new long[28 * 24 + 1];
        for (int hoursAgo = 28 * 24; hoursAgo >= 1; hoursAgo--) {
            long clickAge = hoursAgo * HOUR - 30 * MINUTE;
            long deposits = Math.round(clicks.applyAsInt(hoursAgo) * rate.applyAsDouble(hoursAgo));
            for (int i = 0; i < deposits; i++) {
                long delay = minDelay.toMillis() + (maxDelay.toMillis() - minDelay.toMillis()) * (2 * i + 1)
                        / (2 * deposits);
                if (delay <= clickAge) {
                    depositsHoursAgo[(int) ((clickAge - delay) / HOUR) + 1]++;
                    delays.add(clickAge, delay);
                }
            }
        }
        List<OfferEvidence.Hour> hours = new ArrayList<>();
        for (int hoursAgo = 28 * 24; hoursAgo >= 1; hoursAgo--) {
            long deposits = depositsHoursAgo[hoursAgo];
            hours.add(hour(hoursAgo, clicks.applyAsInt(hoursAgo), deposits, deposits * 100.0, deposits * 10_000.0));
        }
        return new OfferEvidence(id, name, true, hours, delays, List.of());
    }

    /** The hour that started {@code hoursAgo} hours before {@link #NOW}. */
    private static OfferEvidence.Hour hour(int hoursAgo, long clicks, long deposits, double revenue, double squares) {
        return new OfferEvidence.Hour(NOW.minus(Duration.ofHours(hoursAgo)), clicks, deposits,
                new OfferEvidence.Earned(revenue, squares, deposits), OfferEvidence.Earned.NONE);
    }

    private static DelayAwareThompson.Assessment only(DelayAwareThompson policy, OfferEvidence offer) {
        return policy.weigh(List.of(offer), NOW, random()).get(0);
    }

    private static ThompsonSettings settings(Duration history, Duration horizon, Duration halfLife) {
        return new ThompsonSettings(Duration.ofMinutes(1), history, horizon, halfLife, halfLife, new BigDecimal("0.01"),
                20_000, 1, 20, 1e-4, new BigDecimal("0.25"), ThompsonSettings.Allocation.INFORMATION_DIRECTED);
    }

    /** The same policy routing by each offer's probability of being best: Thompson sampling. */
    private static ThompsonSettings thompsonSampling(ThompsonSettings settings) {
        return new ThompsonSettings(settings.recalculationInterval(), settings.history(), settings.delayHorizon(),
                settings.halfLife(), settings.valueHalfLife(), settings.floor(), settings.draws(),
                settings.priorDeposits(), settings.curvePriorStrength(), settings.changeSignificance(),
                settings.changeMinimum(), ThompsonSettings.Allocation.PROBABILITY_BEST);
    }

    /** No change is large enough to count: the evidence fades only with the half-life. */
    private static ThompsonSettings untested(ThompsonSettings settings) {
        return new ThompsonSettings(settings.recalculationInterval(), settings.history(), settings.delayHorizon(),
                settings.halfLife(), settings.valueHalfLife(), settings.floor(), settings.draws(),
                settings.priorDeposits(), settings.curvePriorStrength(), settings.changeSignificance(),
                new BigDecimal("1000"), settings.allocation());
    }

    private static UniformRandomProvider random() {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
    }
}
