package io.croupier.optimizer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.croupier.optimizer.seed.SeedSettings;
import io.croupier.optimizer.thompson.ThompsonSettings;
import io.croupier.optimizer.weights.PolicyName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which policy weighs the offers, its settings, and what every policy shares.
 *
 * @param policy the policy that computes every weight set
 * @param thompson the default policy's settings
 * @param seed seed 001's policy's settings
 * @param scheduleCheckInterval how often an instance looks whether the current cycle still needs its weight set
 * @param weightSetRetention how long computed sets are kept to explain past weights; the newest is always kept
 * @param referenceCurrency the ISO 4217 currency revenue is compared in
 * @param rates how much one unit of each other currency is worth in the reference currency (ranking only, never
 *        bookkeeping); revenue in a currency without a rate is left out and shown as such in the weight set. The
 *        configured rates are laid over {@link #DEFAULT_RATES}: a deployment changes or adds the currencies it needs
 */
@Validated
@ConfigurationProperties("croupier.optimizer")
public record OptimizerSettings(
        @DefaultValue("DELAY_AWARE_THOMPSON") @NotNull PolicyName policy,
        @DefaultValue @Valid ThompsonSettings thompson,
        @DefaultValue @Valid SeedSettings seed,
        @DefaultValue("PT10S") @NotNull Duration scheduleCheckInterval,
        @DefaultValue("P14D") @NotNull Duration weightSetRetention,
        @DefaultValue("USD") @NotNull @Pattern(regexp = "[A-Z]{3}") String referenceCurrency,
        @DefaultValue Map<String, @Positive BigDecimal> rates) {

    /** Static, approximate rates to USD: good enough to rank offers by, never used for money owed. */
    public static final Map<String, BigDecimal> DEFAULT_RATES = Map.of("EUR", new BigDecimal("1.08"), "GBP",
            new BigDecimal("1.27"), "BRL", new BigDecimal("0.18"), "CAD", new BigDecimal("0.72"), "AUD",
            new BigDecimal("0.65"));

    public OptimizerSettings {
        Map<String, BigDecimal> merged = new HashMap<>(DEFAULT_RATES);
        if (rates != null) {
            merged.putAll(rates);
        }
        rates = Map.copyOf(merged);
    }
}
