package io.croupier.postback.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.croupier.secrets.webhook.WebhookSecret;

/**
 * How an offer's (or house's) inbound calls must prove who sent them. Without a row every call is accepted as the
 * seeds integrate: identified by its secret, key, slug or platform alone.
 *
 * @param signatureRequired unsigned calls are refused (a signed call is verified whenever a secret exists)
 * @param signingSecret the secret signatures are checked against; null until one is created
 * @param previousSigningSecret the secret it replaced, still accepted until {@code previousValidUntil}
 * @param allowedSources addresses or CIDR ranges calls must come from; empty for any
 */
record InboundPolicy(String offerId, boolean signatureRequired, WebhookSecret signingSecret,
        WebhookSecret previousSigningSecret, Instant previousValidUntil, List<String> allowedSources,
        Instant updatedAt) {

    static InboundPolicy open(String offerId) {
        return new InboundPolicy(offerId, false, null, null, null, List.of(), null);
    }

    /** The secrets a signature may be made with at this moment, current first. */
    List<WebhookSecret> secretsAcceptedAt(Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        if (signingSecret != null) {
            secrets.add(signingSecret);
        }
        if (previousSigningSecret != null && previousValidUntil != null && now.isBefore(previousValidUntil)) {
            secrets.add(previousSigningSecret);
        }
        return secrets;
    }

    @Override
    public String toString() {
        return "InboundPolicy[offer=" + offerId + ", signatureRequired=" + signatureRequired + ", allowedSources="
                + allowedSources + ", secrets hidden]";
    }
}
