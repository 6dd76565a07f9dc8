package io.croupier.forwarder.publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/** A validated {@link PublisherRequest}: what gets stored. */
record PublisherDefinition(String name, String username, PostbackTemplate template, PostbackMethod method,
        PayoutTerms payoutTerms, Map<String, PayoutTerms> offerTerms, int rateLimitPerSecond, boolean offerwall,
        boolean active) {

    /** @throws InvalidPublisherException for a rule Bean Validation could not check */
    static PublisherDefinition of(PublisherRequest request) {
        Map<String, PayoutTerms> offerTerms = new LinkedHashMap<>();
        if (request.offerTerms() != null) {
            request.offerTerms().forEach((offerId, terms) -> {
                if (terms == null) {
                    throw new InvalidPublisherException("offer_terms." + offerId + " is empty");
                }
                offerTerms.put(offerId, terms.validated("offer_terms." + offerId));
            });
        }
        return new PublisherDefinition(request.name().strip(), request.username(),
                PostbackTemplate.parse(request.postbackUrl().strip()),
                request.method() == null ? PostbackMethod.GET : request.method(),
                request.payoutTerms().validated("payout_terms"), offerTerms,
                request.rateLimitPerSecond() == null ? PublisherRequest.DEFAULT_RATE_LIMIT_PER_SECOND
                        : request.rateLimitPerSecond(),
                Boolean.TRUE.equals(request.offerwall()), request.active() == null || request.active());
    }
}
