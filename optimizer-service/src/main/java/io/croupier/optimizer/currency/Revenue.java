package io.croupier.optimizer.currency;

import java.math.BigDecimal;

/**
 * Revenue in one currency as earned.
 *
 * @param rate what one unit is worth in the reference currency; null when none is configured and the amount was left
 *        out of the EV
 */
public record Revenue(String currency, BigDecimal amount, BigDecimal rate) {
}
