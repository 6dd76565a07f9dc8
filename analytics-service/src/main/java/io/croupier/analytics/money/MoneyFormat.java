package io.croupier.analytics.money;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * How amounts are written in reports and files: exact, every significant digit kept, but at least the currency's
 * minor units, so 24 reads 24.00 and 0.015 stays 0.015. Amounts are always written beside their currency.
 */
public final class MoneyFormat {

    public static String amount(BigDecimal value, String currency) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        int minor = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return (stripped.scale() < minor ? stripped.setScale(minor) : stripped).toPlainString();
    }

    private MoneyFormat() {
    }
}
