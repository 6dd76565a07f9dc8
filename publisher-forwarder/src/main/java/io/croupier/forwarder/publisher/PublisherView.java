package io.croupier.forwarder.publisher;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.croupier.secrets.webhook.WebhookSecret;

/**
 * A publisher as the admin API shows it. The signing secret appears only in the answer that created or rotated it.
 *
 * @param endpointDisabledAt when the endpoint answered 410 Gone; deliveries wait as dead letters until an update
 */
record PublisherView(long id, String name, String username, String postbackUrl, PostbackMethod method,
        PayoutTerms payoutTerms, Map<String, PayoutTerms> offerTerms, int rateLimitPerSecond, boolean offerwall,
        boolean active, Instant endpointDisabledAt, String endpointDisabledReason, Instant createdAt,
        Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String signingSecret) {

    static PublisherView of(PublisherRow row) {
        return new PublisherView(row.id(), row.name(), row.username(), row.postbackUrl(), row.method(),
                row.payoutTerms(), row.offerTerms(), row.rateLimitPerSecond(), row.offerwall(), row.active(),
                row.endpointDisabledAt(), row.endpointDisabledReason(), row.createdAt(), row.updatedAt(), null);
    }

    PublisherView revealing(WebhookSecret secret) {
        return new PublisherView(id, name, username, postbackUrl, method, payoutTerms, offerTerms,
                rateLimitPerSecond, offerwall, active, endpointDisabledAt, endpointDisabledReason, createdAt,
                updatedAt, secret.value());
    }

    @Override
    public String toString() {
        return "PublisherView[id=" + id + ", username=" + username + ", secret hidden]";
    }
}
