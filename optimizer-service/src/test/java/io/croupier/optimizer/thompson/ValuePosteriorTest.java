package io.croupier.optimizer.thompson;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Revenue per deposit on hand-computed numbers. */
class ValuePosteriorTest {

    /** Small enough to leave the offer's own numbers as they are. */
    private static final double NO_PRIOR = 1e-9;

    /**
     * Two deposit cohorts. An old one, wholly matured (G = 1): 10 depositors, of whom four were paid 100, 200, 300 and
     * 400 (Y = 1,000, the players' squares Q = 300,000). A young one, a quarter matured (G = 0.25): 8 depositors, one
     * paid 100 so far (Y = 100, Q = 10,000). Matured depositors M = 10 + 8 × 0.25 = 12, so the later value per
     * depositor is 1,100 / 12 = 91.67 (the old cohort alone says 100; the young one's 100 is a quarter of what its
     * eight will bring). Its variance is the ratio estimator's over the 18 depositors: Σ (y − L·G)² / M², with
     * Σ (y − L·G)² = Q − 2·L·Σ G·Y + L²·Σ n·G² = 310,000 − 2 × 91.67 × 1,025 + 91.67² × 10.5 = 210,312.5, so the
     * standard error is √210,312.5 / 12 = 38.22.
     */
    @Test
    void theLaterValueIsReadFromTheMaturedCohortsAndTheYoungOnesShare() {
        RevenueLag lag = RevenueLag.immediate();
        ValuePosterior.Cohorts[] cohorts = new ValuePosterior.Cohorts[lag.candidates()];
        Arrays.fill(cohorts, ValuePosterior.Cohorts.NONE.plus(10, 1, 1_000).plus(8, 0.25, 100));
        ValuePosterior.PooledLater[] pooled = new ValuePosterior.PooledLater[lag.candidates()];
        Arrays.fill(pooled, new ValuePosterior.PooledLater(0, 0));
        OfferEvidence.Earned later = new OfferEvidence.Earned(1_100, 310_000, 5);

        ValuePosterior value = ValuePosterior.of(18, OfferEvidence.Earned.NONE, 0, later, cohorts, pooled, lag, 12,
                NO_PRIOR);

        double perDepositor = 1_100.0 / 12;
        assertThat(value.later()).isCloseTo(perDepositor, within(1e-6));
        assertThat(value.mean()).isCloseTo(perDepositor, within(1e-6));
        double residuals = 310_000 - 2 * perDepositor * 1_025 + perDepositor * perDepositor * 10.5;
        assertThat(residuals).isCloseTo(210_312.5, within(1e-6));
        assertThat(value.laterStandardError()).isCloseTo(Math.sqrt(residuals) / 12, within(1e-6));
        assertThat(value.laterStandardError()).isCloseTo(38.22, within(0.01));
        assertThat(value.maturedDepositors()).isEqualTo(12);
    }

    /**
     * Three matured depositors, each paid 100: alone they would say 100 with no doubt at all (every player alike).
     * With one pooled player's worth of the platform's spread (value 100, variance 40,000 per depositor) the doubt
     * three players leave is not taken for certainty: the value stays 100, its standard error √40,000 / 4 = 50.
     */
    @Test
    void aHandfulOfAlikePlayersIsNotTakenForCertainty() {
        RevenueLag lag = RevenueLag.immediate();
        ValuePosterior.Cohorts[] cohorts = new ValuePosterior.Cohorts[lag.candidates()];
        Arrays.fill(cohorts, ValuePosterior.Cohorts.NONE.plus(3, 1, 300));
        ValuePosterior.PooledLater[] pooled = new ValuePosterior.PooledLater[lag.candidates()];
        Arrays.fill(pooled, new ValuePosterior.PooledLater(100, 40_000));
        OfferEvidence.Earned later = new OfferEvidence.Earned(300, 30_000, 3);

        ValuePosterior alone = ValuePosterior.of(3, OfferEvidence.Earned.NONE, 0, later, cohorts, pooled, lag, 3,
                NO_PRIOR);
        ValuePosterior withPrior = ValuePosterior.of(3, OfferEvidence.Earned.NONE, 0, later, cohorts, pooled, lag, 3,
                1);

        assertThat(alone.later()).isCloseTo(100, within(1e-6));
        assertThat(alone.laterStandardError()).isCloseTo(0, within(0.01));
        assertThat(withPrior.later()).isCloseTo(100, within(1e-6));
        assertThat(withPrior.laterStandardError()).isCloseTo(50, within(1e-6));
    }

    /** One entry per deposit (a CPA of 50 or 150): the entries are the players, and their spread is the value's. */
    @Test
    void oneEntryPerDepositKeepsTheEntriesSpread() {
        OfferEvidence.Earned withDeposit = new OfferEvidence.Earned(20 * 50 + 20 * 150, 20 * 50 * 50 + 20 * 150 * 150,
                40);
        RevenueLag lag = RevenueLag.immediate();
        ValuePosterior.Cohorts[] cohorts = new ValuePosterior.Cohorts[lag.candidates()];
        Arrays.fill(cohorts, ValuePosterior.Cohorts.NONE);
        ValuePosterior.PooledLater[] pooled = new ValuePosterior.PooledLater[lag.candidates()];
        Arrays.fill(pooled, new ValuePosterior.PooledLater(0, 0));

        ValuePosterior value = ValuePosterior.of(40, withDeposit, 100, OfferEvidence.Earned.NONE, cohorts, pooled,
                lag, 0, NO_PRIOR);

        assertThat(value.mean()).isCloseTo(100, within(1e-6));
        assertThat(value.standardError()).isCloseTo(Math.sqrt(40 * (2500.0 * 40 / 39) / (40 * 40)), within(1e-6));
    }

    /**
     * Revenue with the deposit in several entries per deposit (reported payouts): 40 deposits, 20 paid in 8 entries
     * of 10 and 20 in 8 entries of 30. A deposit's entries are alike, so the mean's variance is 8 times what 320
     * independent entries would say.
     */
    @Test
    void aDepositsEntriesCountAsOnePlayerInTheValuesStandardError() {
        OfferEvidence.Earned withDeposit = new OfferEvidence.Earned(20 * 8 * 10 + 20 * 8 * 30,
                20 * 8 * 10 * 10 + 20 * 8 * 30 * 30, 320);
        RevenueLag lag = RevenueLag.immediate();
        ValuePosterior.Cohorts[] cohorts = new ValuePosterior.Cohorts[lag.candidates()];
        Arrays.fill(cohorts, ValuePosterior.Cohorts.NONE);
        ValuePosterior.PooledLater[] pooled = new ValuePosterior.PooledLater[lag.candidates()];
        Arrays.fill(pooled, new ValuePosterior.PooledLater(0, 0));

        ValuePosterior value = ValuePosterior.of(40, withDeposit, 160, OfferEvidence.Earned.NONE, cohorts, pooled,
                lag, 0, NO_PRIOR);

        assertThat(value.mean()).isCloseTo(160, within(1e-6));
        assertThat(value.standardError()).isCloseTo(Math.sqrt(8 * 320 * (100.0 * 320 / 319) / (40 * 40)),
                within(1e-6));
    }
}
