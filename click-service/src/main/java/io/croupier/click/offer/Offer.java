package io.croupier.click.offer;

import java.time.Instant;

/**
 * A casino offer of the catalogue.
 *
 * @param weight seed 001's manual weight: the offer's routing weight until the optimizer's current set names it, where
 *        the set's largest weight counts as 1
 * @param postbackSecret the seed 001 secret, as kept: digest and hint
 * @param partnerKey the seed 004 key of the postback URL path, as kept; null when the offer has none
 * @param clicked whether a click was ever routed to it: such an offer is only ever deactivated, never erased
 */
public record Offer(long id, String name, String casinoUrl, double weight, KeptSecret postbackSecret,
        boolean active, String houseSlug, KeptSecret partnerKey, Deal deal, boolean clicked, Instant createdAt,
        Instant updatedAt) {

    Offer withSecrets(KeptSecret newPostbackSecret, KeptSecret newPartnerKey, Instant now) {
        return new Offer(id, name, casinoUrl, weight, newPostbackSecret, active, houseSlug, newPartnerKey, deal,
                clicked, createdAt, now);
    }

    Offer deactivated(boolean everClicked, Instant now) {
        return new Offer(id, name, casinoUrl, weight, postbackSecret, false, houseSlug, partnerKey, deal, everClicked,
                createdAt, now);
    }
}
