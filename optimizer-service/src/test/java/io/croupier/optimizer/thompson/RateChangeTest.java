package io.croupier.optimizer.thompson;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-built cohort series: a rate that halved, and steady ones that only look different. */
class RateChangeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static final Duration HISTORY = Duration.ofDays(28);

    private static final Duration HORIZON = Duration.ofDays(2);

    private static final DelayGrid GRID = DelayGrid.upTo(HORIZON);

    private static final ThompsonSettings SETTINGS = new ThompsonSettings(Duration.ofMinutes(1), HISTORY, HORIZON,
            Duration.ofDays(36500), Duration.ofDays(36500), new BigDecimal("0.01"), 4000, 1, 1e-9, 1e-4,
            new BigDecimal("0.25"), ThompsonSettings.Allocation.INFORMATION_DIRECTED);

    /**
     * 100 clicks an hour for 28 days, deposits within minutes: 3 an hour until 48 hours ago, then 1 and 2 in turn.
     * Of the history's 1,944 deposits, the last 48 hours were due 48/672 (138.9) and brought 72: 0.015 a click against
     * 0.03 before, z ≈ −5.9. The split at 48 hours is the most significant (36 hours: z ≈ −5.1, 72 hours: z ≈ −4.6).
     */
    @Test
    void aHalvedRateIsFoundAtTheMomentItHalved() {
        Series series = series(hoursAgo -> 100, hoursAgo -> hoursAgo < 48 ? 1 + hoursAgo % 2 : 3);

        Optional<RateChange> change = RateChange.find(series, DelayCurve.immediate(GRID), HISTORY.toMillis(), NOW,
                1e-4, 0.25);

        assertThat(change).isPresent();
        assertThat(change.get().since()).isEqualTo(NOW.minus(Duration.ofHours(48)));
        assertThat(change.get().ratio()).isCloseTo(0.5, within(1e-9));
        assertThat(change.get().pValue()).isLessThan(1e-6);
    }

    @Test
    void aSteadyRateWithPoissonLuckIsNeverTakenForAChange() {
        for (long seed = 0; seed < 200; seed++) {
            DiscreteDistribution.Sampler luck = PoissonDistribution.of(3)
                .createSampler(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
            Series series = series(hoursAgo -> 100, hoursAgo -> luck.sample());

            assertThat(RateChange.find(series, DelayCurve.immediate(GRID), HISTORY.toMillis(), NOW, 1e-4, 0.25))
                .as("seed %d", seed)
                .isEmpty();
        }
    }

    /**
     * Deposits come 12 to 24 hours after the click (the offer's own curve says so), and traffic tripled 12 hours ago:
     * those clicks cannot have deposited yet, so 3 deposits an hour is still the old rate. Taking every click for
     * complete at once, the same series looks like a rate fallen to a third.
     */
    @Test
    void newClicksWhoseDepositsAreNotDueYetAreNoChange() {
        DelayObservations delays = new DelayObservations(GRID);
        for (int i = 0; i < 1000; i++) {
            delays.add(Duration.ofDays(3).toMillis(), Duration.ofHours(18).toMillis());
        }
        DelayCurve curve = DelayCurve.estimate(delays, DelayCurve.immediate(GRID), 1e-9);
        Series series = series(hoursAgo -> hoursAgo < 12 ? 300 : 100, hoursAgo -> 3);

        assertThat(RateChange.find(series, curve, HISTORY.toMillis(), NOW, 1e-4, 0.25)).isEmpty();
        assertThat(RateChange.find(series, DelayCurve.immediate(GRID), HISTORY.toMillis(), NOW, 1e-4, 0.25))
            .hasValueSatisfying(change -> assertThat(change.ratio()).isLessThan(0.5));
    }

    /**
     * After the change the conversion posterior counts only the last 48 hours: 72 deposits on 4,800 clicks, the prior
     * (one deposit at the pooled rate, which is the same evidence's: 72.5 / 4,801) added. Over the whole history it
     * would be about 0.029.
     */
    @Test
    void theConversionPosteriorForgetsTheEvidenceBeforeTheChange() {
        OfferEvidence offer = evidence(hoursAgo -> 100, hoursAgo -> hoursAgo < 48 ? 1 + hoursAgo % 2 : 3);

        DelayAwareThompson.Assessment assessed = DelayAwareThompson.of(SETTINGS)
            .weigh(List.of(offer), NOW, RandomSource.XO_RO_SHI_RO_128_PP.create(1L))
            .get(0);

        double pooled = 72.5 / 4801;
        double alpha = 1 + 72;
        double beta = (1 - pooled) / pooled + 4800 - 72;
        assertThat(assessed.change()).map(RateChange::since).contains(NOW.minus(Duration.ofHours(48)));
        assertThat(assessed.exposure()).isCloseTo(4800, within(0.5));
        assertThat(assessed.deposits()).isCloseTo(72, within(0.01));
        assertThat(assessed.conversion().mean()).isCloseTo(alpha / (alpha + beta), within(1e-5));
        assertThat(assessed.clicks()).isEqualTo(28 * 24 * 100);
    }

    private static Series series(IntUnaryOperator clicks, IntUnaryOperator deposits) {
        return Series.of(evidence(clicks, deposits), NOW, HISTORY.plus(HORIZON));
    }

    /** Every hour of the history, {@code clicks} and {@code deposits} by how many hours ago it started (0: the last). */
    private static OfferEvidence evidence(IntUnaryOperator clicks, IntUnaryOperator deposits) {
        List<OfferEvidence.Hour> hours = new ArrayList<>();
        for (int hoursAgo = 0; hoursAgo < HISTORY.toHours(); hoursAgo++) {
            hours.add(new OfferEvidence.Hour(NOW.minus(Duration.ofHours(hoursAgo + 1)), clicks.applyAsInt(hoursAgo),
                    deposits.applyAsInt(hoursAgo), OfferEvidence.Earned.NONE, OfferEvidence.Earned.NONE));
        }
        return new OfferEvidence(1, "Alpha", true, hours, new DelayObservations(GRID), List.of());
    }
}
