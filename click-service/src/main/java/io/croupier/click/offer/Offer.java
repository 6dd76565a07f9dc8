package io.croupier.click.offer;

import java.time.Instant;

/**
 * A casino offer of the catalogue.
 *
 * @param weight seed 001's manual weight: the offer's routing weight until the optimizer's current set names it, where
 *        the set's largest weight counts as 1
 * @param clicked whether a click was ever routed to it: such an offer is only ever deactivated, never erased
 */
public record Offer(long id, String name, String casinoUrl, double weight, String postbackSecret, boolean active,
        String houseSlug, String partnerKey, Deal deal, boolean clicked, Instant createdAt, Instant updatedAt) {
}
