package io.croupier.forwarder.publisher;

import java.time.Instant;
import java.util.Map;

/**
 * A stored publisher.
 *
 * @param encryptedSigningSecret decrypted only when a delivery is signed ({@link PublisherRepository#signingSecret})
 */
record PublisherRow(long id, String name, String username, String postbackUrl, PostbackMethod method,
        byte[] encryptedSigningSecret, PayoutTerms payoutTerms, Map<String, PayoutTerms> offerTerms,
        int rateLimitPerSecond, boolean offerwall, boolean active, Instant endpointDisabledAt,
        String endpointDisabledReason, Instant createdAt, Instant updatedAt) {
}
