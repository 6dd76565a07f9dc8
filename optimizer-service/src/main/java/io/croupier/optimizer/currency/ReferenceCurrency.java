package io.croupier.optimizer.currency;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import io.croupier.optimizer.OptimizerProperties;
import org.springframework.stereotype.Component;

/**
 * Puts revenue earned in several currencies on one scale so offers can be ranked against each other. The rates are
 * static settings: a ranking needs them roughly right and stable, bookkeeping never uses them.
 */
@Component
public class ReferenceCurrency {

    private final String code;

    private final Map<String, BigDecimal> rates;

    public ReferenceCurrency(OptimizerProperties properties) {
        this.code = properties.referenceCurrency();
        this.rates = Map.copyOf(properties.rates());
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
}
