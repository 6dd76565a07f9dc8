package io.croupier.commission.publisher;

import java.math.BigDecimal;

import io.croupier.commission.money.Amount;

/**
 * How a publisher is paid for a conversion: a share of what the casino pays (seed 004: 80 % of 5.00 = 4.00) or a fixed
 * amount per paying conversion (seed 004 scenario 7: 50 regardless of the 100 paid upstream).
 */
public record PayoutTerms(BigDecimal revSharePercent, Amount fixedAmount) {

    /**
     * The payout for a conversion that brought {@code revenue}. A share is rounded to the currency's minor units; a
     * fixed amount is paid only for a conversion that earns something, in the fixed amount's own currency.
     */
    public Amount payoutFor(Amount revenue) {
        if (fixedAmount != null) {
            return revenue.isPositive() ? fixedAmount : Amount.zero(fixedAmount.currency());
        }
        if (revSharePercent != null) {
            return revenue.percent(revSharePercent).roundedToMinorUnits();
        }
        return Amount.zero(revenue.currency());
    }

    public String describe() {
        if (fixedAmount != null) {
            return "fixed " + fixedAmount;
        }
        return revSharePercent == null ? "none" : revSharePercent.toPlainString() + " % of revenue";
    }
}
