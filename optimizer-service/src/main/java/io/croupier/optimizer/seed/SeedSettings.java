package io.croupier.optimizer.seed;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Seed 001's policy, exactly as the seed defines it.
 *
 * @param lastNClicks how many of an offer's most recent clicks its EV is computed over
 * @param weightFloor the smallest weight an active offer gets, so none starves
 * @param recalculationInterval the cycle length; cycles are aligned to the epoch, so PT6H means 00:00, 06:00, 12:00
 *        and 18:00 UTC
 * @param explorationRate the share of clicks click-service spreads evenly over every active offer; published with
 *        every set
 */
public record SeedSettings(
        @DefaultValue("1000") @Positive int lastNClicks,
        @DefaultValue("0.1") @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal weightFloor,
        @DefaultValue("PT6H") @NotNull Duration recalculationInterval,
        @DefaultValue("0.20") @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal explorationRate) {
}
