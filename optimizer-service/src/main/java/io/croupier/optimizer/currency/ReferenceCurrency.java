package io.croupier.optimizer.currency;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.croupier.optimizer.OptimizerSettings;
import org.springframework.stereotype.Component;

/**
 * Puts revenue earned in several currencies on one scale so offers can be ranked against each other. The rates are
 * static settings: a ranking needs them roughly right and stable, bookkeeping never uses them.
 */
@Component
public class ReferenceCurrency {

    private static final int TOTAL_SCALE = 4;

    private final String code;

    private final Map<String, BigDecimal> rates;

    public ReferenceCurrency(OptimizerSettings settings) {
        this.code = settings.referenceCurrency();
        this.rates = Map.copyOf(settings.rates());
    }

    public String code() {
        return code;
    }

    /** How much one unit of {@code currency} is worth in the reference currency; empty when no rate is configured. */
    public Optional<BigDecimal> rateOf(String currency) {
        if (code.equals(currency)) {
            return Optional.of(BigDecimal.ONE);
        }
        return Optional.ofNullable(rates.get(currency));
    }

    /** An amount as earned, with the rate that brings it to the reference currency if there is one. */
    public Revenue revenue(String currency, BigDecimal amount) {
        return new Revenue(currency, amount, rateOf(currency).orElse(null));
    }

    /** The sum in the reference currency of every amount that has a rate. */
    public BigDecimal total(List<Revenue> revenue) {
        return revenue.stream()
            .filter(r -> r.rate() != null)
            .map(r -> r.amount().multiply(r.rate()))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(TOTAL_SCALE, RoundingMode.HALF_EVEN);
    }
}
