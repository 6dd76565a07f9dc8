package io.croupier.click.offer;

import java.time.Instant;

/**
 * A casino offer of the catalogue.
 *
 * @param weight the manual base weight of seed 001; routing follows the optimizer's weights
 * @param clicked whether a click was ever routed to it: such an offer is only ever deactivated, never erased
 */
public record Offer(long id, String name, String casinoUrl, double weight, String postbackSecret, boolean active,
        String houseSlug, String partnerKey, Deal deal, boolean clicked, Instant createdAt, Instant updatedAt) {
}
