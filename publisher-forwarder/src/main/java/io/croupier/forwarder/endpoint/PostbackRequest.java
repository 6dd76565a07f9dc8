package io.croupier.forwarder.endpoint;

import java.net.URI;

/**
 * One signed request to a publisher.
 *
 * @param messageId the {@code webhook-id}: the delivery id, the same on every attempt so the publisher can deduplicate
 * @param jsonBody the POST body, or {@code null} for a GET
 * @param signingKey the publisher's HMAC key
 */
public record PostbackRequest(String messageId, URI uri, String jsonBody, byte[] signingKey) {

    public boolean post() {
        return jsonBody != null;
    }

    public String method() {
        return post() ? "POST" : "GET";
    }
}
