package io.croupier.optimizer.offer;

/** An offer was stored as active: new, reactivated or just updated. */
public record OfferActive(long offerId) {
}
