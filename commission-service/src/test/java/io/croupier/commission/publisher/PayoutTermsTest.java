package io.croupier.commission.publisher;

import java.math.BigDecimal;

import io.croupier.commission.money.Amount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 004's publisher payouts. */
class PayoutTermsTest {

    private static final PayoutTerms EIGHTY_PERCENT = new PayoutTerms(new BigDecimal("80"), null);

    @Test
    void aRevenueShareIsThatPercentageOfWhatTheCasinoPays() {
        assertThat(EIGHTY_PERCENT.payoutFor(Amount.of("5.00", "USD"))).hasToString("4.00 USD");
        assertThat(EIGHTY_PERCENT.payoutFor(Amount.of("3.50", "USD"))).hasToString("2.80 USD");
    }

    @Test
    void aRevenueShareIsRoundedHalfUpToTheCurrencysMinorUnits() {
        assertThat(EIGHTY_PERCENT.payoutFor(Amount.of("0.05", "USD"))).hasToString("0.04 USD");
        assertThat(EIGHTY_PERCENT.payoutFor(Amount.of("0.0375", "USD"))).hasToString("0.03 USD");
        assertThat(new PayoutTerms(new BigDecimal("50"), null).payoutFor(Amount.of("0.05", "USD")))
            .hasToString("0.03 USD");
        assertThat(EIGHTY_PERCENT.payoutFor(Amount.of("101", "JPY"))).hasToString("81 JPY");
    }

    @Test
    void aFixedPayoutIsPaidRegardlessOfWhatTheCasinoPays() {
        PayoutTerms fixed = new PayoutTerms(null, Amount.of("50", "USD"));

        assertThat(fixed.payoutFor(Amount.of("100.00", "USD"))).hasToString("50.00 USD");
        assertThat(fixed.payoutFor(Amount.of("0", "USD")).isZero()).isTrue();
    }
}
