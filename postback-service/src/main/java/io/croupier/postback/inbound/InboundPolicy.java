package io.croupier.postback.inbound;

import java.time.Instant;
import java.util.List;

/**
 * How an offer's (or house's) inbound calls must prove who sent them. Without a row every call is accepted as the
 * seeds integrate: identified by its secret, key, slug or platform alone. The secrets stay encrypted here; only a
 * signature check decrypts them ({@link InboundPolicies#secretsAcceptedAt}).
 *
 * @param signatureRequired unsigned calls are refused (a signed call is verified whenever a secret exists)
 * @param signingSecret the ciphertext of the secret signatures are checked against; null until one is created
 * @param signingSecretHint its last four characters
 * @param previousSigningSecret the ciphertext of the secret it replaced, accepted until {@code previousValidUntil}
 * @param allowedSources addresses or CIDR ranges calls must come from; empty for any
 */
record InboundPolicy(String offerId, boolean signatureRequired, byte[] signingSecret, String signingSecretHint,
        byte[] previousSigningSecret, Instant previousValidUntil, List<String> allowedSources, Instant updatedAt) {

    static InboundPolicy open(String offerId) {
        return new InboundPolicy(offerId, false, null, null, null, null, List.of(), null);
    }

    boolean hasSigningSecret() {
        return signingSecret != null;
    }

    boolean previousAcceptedAt(Instant now) {
        return previousSigningSecret != null && previousValidUntil != null && now.isBefore(previousValidUntil);
    }

    @Override
    public String toString() {
        return "InboundPolicy[offer=" + offerId + ", signatureRequired=" + signatureRequired + ", allowedSources="
                + allowedSources + ", secrets hidden]";
    }
}
