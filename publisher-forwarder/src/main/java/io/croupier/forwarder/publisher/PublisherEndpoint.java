package io.croupier.forwarder.publisher;

import java.time.Instant;

import io.croupier.secrets.webhook.WebhookSecret;

/**
 * What a delivery needs to know about its publisher.
 *
 * @param disabledAt set once the endpoint answered 410 Gone, until an admin updates the publisher
 */
public record PublisherEndpoint(long publisherId, PostbackTemplate template, PostbackMethod method,
        WebhookSecret signingSecret, int rateLimitPerSecond, boolean active, Instant disabledAt,
        String disabledReason) {

    public boolean disabled() {
        return disabledAt != null;
    }
}
