package io.croupier.commission.publisher;

import java.time.Instant;
import java.util.Map;

/**
 * A publisher's terms as published at {@code updatedAt}.
 *
 * @param offerwall end users earn points 1:1 with approved payouts (seed 004)
 * @param offerTerms per-offer overrides of {@code terms}, by offer id
 */
public record PublisherVersion(String publisherId, Instant updatedAt, String username, boolean offerwall,
        PayoutTerms terms, Map<String, PayoutTerms> offerTerms) {

    public PayoutTerms termsFor(String offerId) {
        return offerTerms.getOrDefault(offerId, terms);
    }
}
