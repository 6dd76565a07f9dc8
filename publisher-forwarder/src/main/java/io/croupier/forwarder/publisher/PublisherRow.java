package io.croupier.forwarder.publisher;

import java.time.Instant;
import java.util.Map;

import io.croupier.secrets.webhook.WebhookSecret;

/** A stored publisher. */
record PublisherRow(long id, String name, String username, String postbackUrl, PostbackMethod method,
        WebhookSecret signingSecret, PayoutTerms payoutTerms, Map<String, PayoutTerms> offerTerms,
        int rateLimitPerSecond, boolean offerwall, boolean active, Instant endpointDisabledAt,
        String endpointDisabledReason, Instant createdAt, Instant updatedAt) {
}
