package io.croupier.optimizer.seed;

import java.math.BigDecimal;

/**
 * One offer's EV and the weight it earns.
 *
 * @param conversionRate first deposits per 100 clicks (seed 001 shows 3.0 for 3 %)
 * @param averagePayout revenue per first deposit; null when there was no first deposit
 * @param ev expected revenue per click, in the reference currency
 * @param weight relative share of exploitation traffic; 0 for an inactive offer
 */
public record OfferWeighting(OfferSample sample, BigDecimal conversionRate, BigDecimal averagePayout, BigDecimal ev,
        BigDecimal weight) {
}
