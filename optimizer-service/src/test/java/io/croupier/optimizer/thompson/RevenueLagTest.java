package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reading the lag of later revenue from the deposit cohorts' revenue to date. */
class RevenueLagTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private static final Duration HISTORY = Duration.ofDays(28);

    private static final long HISTORY_START = NOW.minus(HISTORY).toEpochMilli();

    /**
     * Four weeks of cohorts, 10 first deposits an hour then 20 for the last week, each depositor worth 200 of later
     * revenue arriving exponentially with a mean of five days, each cohort's revenue to date exactly as expected (no
     * luck). The five-day candidate explains it perfectly; its neighbours a little worse.
     */
    @Test
    void theLagThatExplainsTheCohortsGetsTheWeight() {
        RevenueLag lag = RevenueLag.fit(List.of(cohorts(Duration.ofDays(5), 200)), HISTORY_START, NOW);

        // The neighbours (4 and 6 days) keep a little weight each.
        assertThat(lag.mean().toMinutes()).isCloseTo(Duration.ofDays(5).toMinutes(), within(120L));
    }

    @Test
    void withoutLaterRevenueEveryLagIsAsGoodAndNoneMatters() {
        RevenueLag lag = RevenueLag.fit(List.of(cohorts(Duration.ofDays(5), 0)), HISTORY_START, NOW);

        double total = 0;
        for (int c = 0; c < lag.candidates(); c++) {
            total += lag.weight(c);
            assertThat(lag.weight(c)).isCloseTo(1.0 / lag.candidates(), within(1e-12));
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    /** A cohort 5 days old under a 5-day lag has had 1 − 1/e of its later revenue; under the mixture as weighed too. */
    @Test
    void aCohortsMaturedShare() {
        RevenueLag lag = RevenueLag.fit(List.of(cohorts(Duration.ofDays(5), 200)), HISTORY_START, NOW);

        assertThat(lag.matured(Duration.ofDays(5).toMillis())).isCloseTo(1 - Math.exp(-1), within(0.01));
        assertThat(RevenueLag.immediate().matured(Duration.ofDays(1).toMillis())).isCloseTo(1, within(1e-9));
    }

    /**
     * Thirty young RevShare offers with a player's luck: ten days old, 0.3 first deposits an hour (Poisson), each
     * player worth a log-normal amount (mean 180, a few players bring most of it) paid in eight instalments, each an
     * exponential 12 days after the deposit on average, as the simulator's offers are; fixed seeds. So early, most
     * cohorts have had little or nothing and a few a big player's instalment. At most one of the thirty takes the lag
     * for less than two days (where the value per depositor would come out at a fraction of what it is).
     */
    @Test
    void aYoungOffersBigPlayersDoNotMakeItsLagShort() {
        int shorterThanTwoDays = 0;
        for (long seed = 1; seed <= 30; seed++) {
            RevenueLag lag = RevenueLag.fit(List.of(youngRevShareOffer(seed)), HISTORY_START, NOW);
            shorterThanTwoDays += lag.mean().compareTo(Duration.ofDays(2)) < 0 ? 1 : 0;
        }

        assertThat(shorterThanTwoDays).isLessThanOrEqualTo(1);
    }

    /** Hand-computed: none seen where 2 were expected, 4 where 2 were, and as many as expected. */
    @Test
    void theDevianceOfAPoissonCount() {
        assertThat(RevenueLag.deviance(0, 2)).isCloseTo(4, within(1e-12));
        assertThat(RevenueLag.deviance(4, 2)).isCloseTo(2 * (4 * Math.log(2) - 2), within(1e-12));
        assertThat(RevenueLag.deviance(3, 3)).isCloseTo(0, within(1e-12));
    }

    /** Ten days of a RevShare offer's cohorts and what their players were paid by now, drawn with {@code seed}. */
    private static Series youngRevShareOffer(long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        DiscreteDistribution.Sampler deposits = PoissonDistribution.of(0.3).createSampler(random);
        ContinuousDistribution.Sampler players = LogNormalDistribution.of(Math.log(180) - 0.72, 1.2)
            .createSampler(random);
        ContinuousDistribution.Sampler lags = ExponentialDistribution.of(Duration.ofDays(12).toHours())
            .createSampler(random);
        int hours = 10 * 24;
        List<OfferEvidence.Hour> cohorts = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            long depositors = deposits.sample();
            OfferEvidence.Earned later = OfferEvidence.Earned.NONE;
            for (long d = 0; d < depositors; d++) {
                double instalment = players.sample() / 8;
                int paid = 0;
                for (int i = 0; i < 8; i++) {
                    paid += h + (int) lags.sample() < hours ? 1 : 0;
                }
                if (paid > 0) {
                    later = later.plus(paid * instalment);
                }
            }
            cohorts.add(new OfferEvidence.Hour(NOW.minus(Duration.ofHours(hours - h)), 0, depositors,
                    OfferEvidence.Earned.NONE, later));
        }
        return series(cohorts);
    }

    /**
     * Four weeks of cohorts, 10 first deposits an hour then 20 for the last week, each cohort's revenue to date
     * exactly its share due under {@code lag}, paid by players of 200 each.
     */
    private static Series cohorts(Duration lag, double value) {
        int hours = (int) HISTORY.toHours();
        List<OfferEvidence.Hour> cohorts = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            Instant start = NOW.minus(Duration.ofHours(hours - h));
            long depositors = h < hours - 7 * 24 ? 10 : 20;
            long age = DelayAwareThompson.ageOf(start.toEpochMilli(), NOW);
            double later = value * depositors * -Math.expm1(-(double) age / lag.toMillis());
            cohorts.add(new OfferEvidence.Hour(start, 0, depositors, OfferEvidence.Earned.NONE,
                    new OfferEvidence.Earned(later, later * 200, later / 200)));
        }
        return series(cohorts);
    }

    private static Series series(List<OfferEvidence.Hour> cohorts) {
        return Series.of(new OfferEvidence(1, "RevShare", true, cohorts, new DelayObservations(
                DelayGrid.upTo(Duration.ofDays(14))), List.of()), NOW, HISTORY.plusDays(14));
    }
}
