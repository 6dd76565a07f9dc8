package io.croupier.forwarder.publisher;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * What a publisher earns per conversion: a share of what the casino pays, or a fixed amount in a currency. Used by
 * commission-service; kept and published here because the publisher is defined here.
 *
 * @param revsharePercent 80 means 80 %
 * @param fixedAmount an amount paid instead of a share
 * @param currency ISO 4217 code of the fixed amount
 */
record PayoutTerms(BigDecimal revsharePercent, BigDecimal fixedAmount, String currency) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** @throws InvalidPublisherException unless exactly one kind of terms is given, within range */
    PayoutTerms validated(String field) {
        if ((revsharePercent == null) == (fixedAmount == null)) {
            throw new InvalidPublisherException(field + " needs either revshare_percent or fixed_amount");
        }
        if (revsharePercent != null) {
            if (revsharePercent.signum() < 0 || revsharePercent.compareTo(HUNDRED) > 0) {
                throw new InvalidPublisherException(field + ".revshare_percent must be between 0 and 100");
            }
            return new PayoutTerms(revsharePercent, null, null);
        }
        if (fixedAmount.signum() < 0) {
            throw new InvalidPublisherException(field + ".fixed_amount must not be negative");
        }
        if (currency == null || !isIsoCurrency(currency)) {
            throw new InvalidPublisherException(field + ".currency must be an ISO 4217 code for the fixed_amount");
        }
        return this;
    }

    private static boolean isIsoCurrency(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }
}
