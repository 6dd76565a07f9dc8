package io.croupier.commission.ltv;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Customer LTV segmentation (seed 000: {@code new_depositor} → {@code regular} → {@code high_value}) and
 * prediction.
 *
 * @param regularMinDeposits deposits from which a player is {@code regular}
 * @param highValueMinDeposits deposits from which a player is {@code high_value}
 * @param highValueMinTotalDeposits total deposits, per currency, from which a player is {@code high_value}; a
 * currency without a threshold is segmented by deposit count only; unset, USD 1000, EUR 1000 and BRL 5000
 * @param predictionMultiplier predicted value = revenue so far × the multiplier of the player's segment
 */
@ConfigurationProperties("croupier.commission.ltv")
record LtvSettings(@DefaultValue("2") int regularMinDeposits, @DefaultValue("10") int highValueMinDeposits,
        Map<String, BigDecimal> highValueMinTotalDeposits, @DefaultValue Multipliers predictionMultiplier) {

    /** {@code @DefaultValue} cannot spell a map, so the default thresholds are written here, once. */
    private static final Map<String, BigDecimal> DEFAULT_HIGH_VALUE_MIN_TOTAL_DEPOSITS = Map.of(
            "USD", new BigDecimal("1000"), "EUR", new BigDecimal("1000"), "BRL", new BigDecimal("5000"));

    LtvSettings {
        highValueMinTotalDeposits = highValueMinTotalDeposits == null ? DEFAULT_HIGH_VALUE_MIN_TOTAL_DEPOSITS
                : Map.copyOf(highValueMinTotalDeposits);
    }

    record Multipliers(@DefaultValue("1.5") BigDecimal newDepositor, @DefaultValue("2.0") BigDecimal regular,
            @DefaultValue("3.0") BigDecimal highValue) {
    }

    Segment segmentOf(int depositCount, BigDecimal totalDeposits, String currency) {
        BigDecimal highValueTotal = highValueMinTotalDeposits.get(currency);
        if (depositCount >= highValueMinDeposits
                || (highValueTotal != null && totalDeposits.compareTo(highValueTotal) >= 0)) {
            return Segment.HIGH_VALUE;
        }
        if (depositCount >= regularMinDeposits) {
            return Segment.REGULAR;
        }
        return depositCount > 0 ? Segment.NEW_DEPOSITOR : Segment.NO_DEPOSIT;
    }

    BigDecimal multiplierOf(Segment segment) {
        return switch (segment) {
            case HIGH_VALUE -> predictionMultiplier.highValue();
            case REGULAR -> predictionMultiplier.regular();
            case NEW_DEPOSITOR -> predictionMultiplier.newDepositor();
            case NO_DEPOSIT -> BigDecimal.ONE;
        };
    }
}
