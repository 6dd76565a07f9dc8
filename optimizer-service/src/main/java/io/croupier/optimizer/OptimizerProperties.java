package io.croupier.optimizer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How weights are computed and how often.
 *
 * @param lastNClicks how many of an offer's most recent clicks its EV is computed over (seed 001: 1000)
 * @param weightFloor the smallest weight an active offer gets, so none starves (seed 001: 0.1)
 * @param recalculationInterval the cycle length; cycles are aligned to the epoch, so PT6H means 00:00, 06:00, 12:00
 *        and 18:00 UTC
 * @param scheduleCheckInterval how often an instance looks whether the current cycle still needs its weight set
 * @param referenceCurrency the ISO 4217 currency EVs are compared in
 * @param rates how much one unit of each other currency is worth in the reference currency (ranking only, never
 *        bookkeeping); revenue in a currency without a rate is left out of EV and shown as such in the weight set
 */
@Validated
@ConfigurationProperties("croupier.optimizer")
public record OptimizerProperties(
        @DefaultValue("1000") @Positive int lastNClicks,
        @DefaultValue("0.1") @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal weightFloor,
        @DefaultValue("PT6H") @NotNull Duration recalculationInterval,
        @DefaultValue("PT1M") @NotNull Duration scheduleCheckInterval,
        @DefaultValue("USD") @NotNull @Pattern(regexp = "[A-Z]{3}") String referenceCurrency,
        @DefaultValue Map<String, @Positive BigDecimal> rates) {
}
