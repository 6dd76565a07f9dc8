package io.croupier.optimizer.weights;

import java.math.BigDecimal;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Revenue in one currency as earned.
 *
 * @param rate what one unit is worth in the reference currency; null when none is configured and the amount was left
 *        out of the EV
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Revenue(String currency, BigDecimal amount, BigDecimal rate) {
}
