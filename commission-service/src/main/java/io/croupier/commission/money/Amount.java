package io.croupier.commission.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.croupier.events.Money;

/**
 * An exact amount of one ISO 4217 currency. Arithmetic between two amounts refuses different currencies: nothing here
 * converts, so nothing sums euros with dollars by accident. In JSON it reads
 * {@code {"amount": "24.00", "currency": "BRL"}} and nothing else, the amount a string so no client rounds it through a
 * double.
 */
public record Amount(@JsonProperty("amount") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
        String currency) {

    /** Publisher payouts are rounded to the currency's minor unit half-up, the way a cashier rounds. */
    public static final RoundingMode PAYOUT_ROUNDING = RoundingMode.HALF_UP;

    private static final int HUNDRED_PERCENT_SCALE = 2;

    public Amount {
        Objects.requireNonNull(value, "value");
        Currency.getInstance(Objects.requireNonNull(currency, "currency"));
        value = atLeastMinorUnits(value, currency);
    }

    public static Amount of(String value, String currency) {
        return new Amount(new BigDecimal(value), currency);
    }

    public static Amount zero(String currency) {
        return new Amount(BigDecimal.ZERO, currency);
    }

    public static Amount from(Money money) {
        return money == null ? null : of(money.getAmount(), money.getCurrency());
    }

    public Money toEvent() {
        return new Money(value.toPlainString(), currency);
    }

    @JsonIgnore
    public boolean isPositive() {
        return value.signum() > 0;
    }

    @JsonIgnore
    public boolean isZero() {
        return value.signum() == 0;
    }

    public Amount negate() {
        return new Amount(value.negate(), currency);
    }

    public Amount plus(Amount other) {
        return new Amount(value.add(sameCurrency(other).value), currency);
    }

    public Amount minus(Amount other) {
        return new Amount(value.subtract(sameCurrency(other).value), currency);
    }

    public int compareTo(Amount other) {
        return value.compareTo(sameCurrency(other).value);
    }

    /** {@code percent} of this amount, exact: 30 % of 80.00 is 24.00, 30 % of 0.05 is 0.015. */
    public Amount percent(BigDecimal percent) {
        return new Amount(value.multiply(percent).movePointLeft(HUNDRED_PERCENT_SCALE), currency);
    }

    /** Rounded to the currency's minor unit ({@link #PAYOUT_ROUNDING}), for what is actually paid out. */
    public Amount roundedToMinorUnits() {
        return new Amount(value.setScale(minorUnits(currency), PAYOUT_ROUNDING), currency);
    }

    private Amount sameCurrency(Amount other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }

    /** Keeps every significant digit but shows at least the minor units, so 24 reads 24.00 and 0.015 stays. */
    private static BigDecimal atLeastMinorUnits(BigDecimal value, String currency) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        int minor = minorUnits(currency);
        return stripped.scale() < minor ? stripped.setScale(minor) : stripped;
    }

    private static int minorUnits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    @Override
    public String toString() {
        return value.toPlainString() + " " + currency;
    }
}
