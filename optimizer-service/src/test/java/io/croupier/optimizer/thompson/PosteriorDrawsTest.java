package io.croupier.optimizer.thompson;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What joint posterior draws say, on draws small enough to check by hand. */
class PosteriorDrawsTest {

    private static final boolean[] BOTH = {true, true};

    @Test
    void anOfferKnownToTheCentTeachesNothingAndIsNotRoutedToWhileAnotherIsExpectedToEarnMore() {
        // Known earns 3 in every draw; Young 4, 2, 5 and 3.5. Young wins draws 1, 3 and 4.
        PosteriorDraws draws = PosteriorDraws.of(new double[][] {{3, 4}, {3, 2}, {3, 5}, {3, 3.5}}, 2);

        assertThat(draws.probabilityBest()).containsExactly(0.25, 0.75);
        // The best draws average (4 + 3 + 5 + 3.5) / 4 = 3.875; Known's mean is 3, Young's 3.625.
        assertThat(draws.regret()).containsExactly(0.875, 0.25);
        // Known is 3 whichever wins. Young: 2 where Known wins (a quarter), 12.5 / 3 where it wins itself:
        // 0.25 (2 - 3.625)^2 + 0.75 (12.5 / 3 - 3.625)^2.
        assertThat(draws.informationGain()[0]).isZero();
        assertThat(draws.informationGain()[1]).isCloseTo(0.25 * 1.625 * 1.625 + 0.75 * Math.pow(12.5 / 3 - 3.625, 2),
                within(1e-12));
        // Thompson sampling would route Known a quarter of the clicks, at a cost and for nothing learnt.
        assertThat(draws.informationDirected(BOTH)).containsExactly(0, 1);
        assertThat(capped(draws, BOTH)).containsExactly(0, 1);
    }

    @Test
    void aChallengerGetsNoMoreThanItsProbabilityOfBeingBestEvenWhereWhatItTeachesIsWorthMore() {
        // Leader earns 4 in every draw; Long shot 6 once and 1 three times.
        PosteriorDraws draws = PosteriorDraws.of(new double[][] {{4, 6}, {4, 1}, {4, 1}, {4, 1}}, 2);

        // Best draws average 4.5: regrets 0.5 and 2.25. Long shot's gain: 0.75 (1 - 2.25)^2 + 0.25 (6 - 2.25)^2.
        assertThat(draws.regret()).containsExactly(0.5, 2.25);
        assertThat(draws.informationGain()[1]).isCloseTo(4.6875, within(1e-12));
        // The information ratio (0.5 q + 2.25 (1 - q))^2 / (4.6875 (1 - q)) is lowest at q = 5 / 7 for Leader.
        assertThat(draws.informationDirected(BOTH)[0]).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(draws.informationDirected(BOTH)[1]).isCloseTo(2.0 / 7, within(1e-12));
        // Capped at its probability of being best, a quarter; the leader gets the rest.
        assertThat(capped(draws, BOTH)).containsExactly(0.75, 0.25);
    }

    @Test
    void theInformationDirectedRoutingHasTheLowestInformationRatioOfAnyMixOfTwoOffers() {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int market = 0; market < 50; market++) {
            int offers = 2 + market % 4;
            ContinuousDistribution.Sampler[] earnings = new ContinuousDistribution.Sampler[offers];
            for (int i = 0; i < offers; i++) {
                double shape = 2 + 200 * random.nextDouble();
                earnings[i] = GammaDistribution.of(shape, (2 + random.nextDouble()) / shape).createSampler(random);
            }
            double[][] drawn = new double[2000][offers];
            for (double[] draw : drawn) {
                for (int i = 0; i < offers; i++) {
                    draw[i] = earnings[i].sample();
                }
            }
            boolean[] active = new boolean[offers];
            java.util.Arrays.fill(active, true);
            PosteriorDraws draws = PosteriorDraws.of(drawn, offers);

            double[] routing = draws.informationDirected(active);
            double found = ratio(draws, routing);
            assertThat(java.util.Arrays.stream(routing).sum()).isCloseTo(1, within(1e-12));
            assertThat(java.util.Arrays.stream(routing).filter(share -> share > 0).count()).isLessThanOrEqualTo(2);
            for (int i = 0; i < offers; i++) {
                for (int j = i + 1; j < offers; j++) {
                    for (int step = 0; step <= 1000; step++) {
                        double[] mix = new double[offers];
                        mix[i] = step / 1000.0;
                        mix[j] = 1 - mix[i];
                        assertThat(ratio(draws, mix)).isGreaterThanOrEqualTo(found * (1 - 1e-9));
                    }
                }
            }
        }
    }

    @Test
    void inactiveOffersAreNeverBestAndGetNothing() {
        double nan = Double.NaN;
        PosteriorDraws draws = PosteriorDraws.of(new double[][] {{nan, 2, 9}, {nan, 3, 9}}, 3);

        assertThat(draws.probabilityBest()).containsExactly(0, 0, 1);
        assertThat(capped(draws, new boolean[] {false, true, true})).containsExactly(0, 0, 1);
        assertThat(capped(draws, new boolean[] {false, false, false})).containsExactly(0, 0, 0);
    }

    private static double[] capped(PosteriorDraws draws, boolean[] active) {
        return draws.challengersCapped(draws.informationDirected(active), active);
    }

    private static double ratio(PosteriorDraws draws, double[] routing) {
        double regret = 0;
        double gain = 0;
        for (int i = 0; i < routing.length; i++) {
            regret += routing[i] * draws.regret()[i];
            gain += routing[i] * draws.informationGain()[i];
        }
        return regret * regret / gain;
    }
}
