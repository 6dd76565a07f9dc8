package io.croupier.optimizer.seed;

import java.math.BigDecimal;

/**
 * What an offer did over its last N clicks.
 *
 * @param payout revenue earned over the same stretch, in the reference currency
 */
public record OfferSample(long offerId, String name, boolean active, long clicks, long firstDeposits,
        BigDecimal payout) {
}
