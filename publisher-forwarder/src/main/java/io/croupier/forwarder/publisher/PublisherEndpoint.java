package io.croupier.forwarder.publisher;

import java.time.Instant;
import java.util.Optional;

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

    /**
     * Why nothing can be delivered here now, decided once for the worker (which then gives the delivery up) and for a
     * replay (which is refused): the endpoint answered 410 Gone, or the publisher was deactivated.
     */
    public Optional<String> unreachable() {
        if (disabled()) {
            return Optional.of("endpoint of publisher " + publisherId + " disabled: " + disabledReason);
        }
        if (!active) {
            return Optional.of("publisher " + publisherId + " is inactive");
        }
        return Optional.empty();
    }
}
