package io.croupier.optimizer.thompson;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** RevShare revenue per deposit on hand-computed numbers. */
class ValuePosteriorTest {

    /** Small enough to leave the offer's own numbers as they are. */
    private static final double NO_PRIOR = 1e-9;

    /**
     * 40 RevShare depositors, all of their later revenue due: 20 worth 80 and 20 worth 240, each paid in 8 entries (10
     * and 30). 6,400 in 320 entries, a mean of 160 per deposit. The entries' variance is 100 × 320/319; taken as 320
     * independent entries, the mean's variance would be 320 × that / 40² = 20.06 (standard error 4.5). But a player's
     * 8 entries are alike: the players' values vary 8² times as much as the entries, and there are only 40 of them,
     * so the variance is 8 times larger, 160.5 (standard error 12.67; the 40 values' own spread says 12.81).
     */
    @Test
    void aPlayersEntriesCountAsOnePlayerInTheValuesStandardError() {
        OfferEvidence.Earned later = new OfferEvidence.Earned(20 * 8 * 10 + 20 * 8 * 30,
                20 * 8 * 10 * 10 + 20 * 8 * 30 * 30, 320);
        RevenueLag lag = RevenueLag.immediate();
        double[] due = new double[lag.candidates()];
        Arrays.fill(due, 40);
        double[] pooledLater = new double[lag.candidates()];
        Arrays.fill(pooledLater, 160);

        ValuePosterior value = ValuePosterior.of(40, OfferEvidence.Earned.NONE, 0, later, due, pooledLater, lag,
                NO_PRIOR);

        assertThat(value.mean()).isCloseTo(160, within(1e-6));
        assertThat(value.later()).isCloseTo(160, within(1e-6));
        assertThat(value.standardError()).isCloseTo(Math.sqrt(8 * 320 * (100.0 * 320 / 319) / (40 * 40)),
                within(1e-6));
        assertThat(value.standardError()).isCloseTo(12.67, within(0.01));
    }

    /** One entry per deposit (a CPA of 50 or 150): the entries are the players, and their spread is the value's. */
    @Test
    void oneEntryPerDepositKeepsTheEntriesSpread() {
        OfferEvidence.Earned withDeposit = new OfferEvidence.Earned(20 * 50 + 20 * 150, 20 * 50 * 50 + 20 * 150 * 150,
                40);
        RevenueLag lag = RevenueLag.immediate();

        ValuePosterior value = ValuePosterior.of(40, withDeposit, 100, OfferEvidence.Earned.NONE,
                new double[lag.candidates()], new double[lag.candidates()], lag, NO_PRIOR);

        assertThat(value.mean()).isCloseTo(100, within(1e-6));
        assertThat(value.standardError()).isCloseTo(Math.sqrt(40 * (2500.0 * 40 / 39) / (40 * 40)), within(1e-6));
    }
}
