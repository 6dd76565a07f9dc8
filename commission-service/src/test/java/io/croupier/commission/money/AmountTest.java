package io.croupier.commission.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AmountTest {

    @Test
    void amountsInDifferentCurrenciesAreNeverAdded() {
        assertThatIllegalArgumentException().isThrownBy(() -> Amount.of("1", "USD").plus(Amount.of("1", "EUR")));
    }

    @Test
    void anAmountKeepsEverySignificantDigitAndShowsAtLeastTheMinorUnits() {
        assertThat(Amount.of("24.0000", "BRL")).hasToString("24.00 BRL");
        assertThat(Amount.of("0.015", "BRL")).hasToString("0.015 BRL");
        assertThat(Amount.of("1E+2", "USD")).hasToString("100.00 USD");
    }

    @Test
    void anUnknownCurrencyIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Amount.of("1", "XYZW"));
    }
}
