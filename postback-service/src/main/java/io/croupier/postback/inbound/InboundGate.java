package io.croupier.postback.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.croupier.postback.PostbackSettings;
import io.croupier.postback.intake.InboundCall;
import io.croupier.postback.intake.Outcome;
import io.croupier.postback.intake.Rejection;
import io.croupier.postback.intake.SignedMessage;
import io.croupier.postback.offer.KnownOffer;
import io.croupier.secrets.webhook.WebhookSignatures;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Lets a call through for the offer it names only if its offer's policy is met: the source address is on the offer's
 * allow-list (when it has one), and a signature, required or merely present, is valid, fresh and not a replay. Two
 * families of calls are signed the Standard Webhooks way, over {@code <id>.<timestamp>.<content>}:
 * <ul>
 * <li>calls with a body (JSON webhooks: seed 000, seed 001, seed 004 POST): headers {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}; the content is the body's bytes as sent;</li>
 * <li>calls without one (GET postbacks: seeds 003 and 004; seed 004 form posts): parameters {@code webhook_id},
 * {@code webhook_timestamp}, {@code webhook_signature}; the content is {@link CanonicalRequest}.</li>
 * </ul>
 */
@Component
public class InboundGate {

    private static final int MAX_MESSAGE_ID_LENGTH = 255;

    private final InboundPolicies policies;

    private final Duration tolerance;

    private final Clock clock;

    InboundGate(InboundPolicies policies, PostbackSettings settings) {
        this.policies = policies;
        this.tolerance = settings.inbound().signatureTolerance();
        this.clock = Clock.systemUTC();
    }

    /**
     * @return the verified message, to be claimed when the call is accepted; null for an unsigned call the offer
     *     lets through
     * @throws Rejection when the call's source or signature does not satisfy the offer's policy
     */
    public SignedMessage admit(KnownOffer offer, InboundCall call) {
        InboundPolicy policy = policies.find(offer.offerId()).orElseGet(() -> InboundPolicy.open(offer.offerId()));
        if (!AllowedSources.of(policy.allowedSources()).admits(call.sourceIp())) {
            throw new Rejection(Outcome.ERROR_SOURCE_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                    "source address " + call.sourceIp() + " is not on the offer's allow-list");
        }
        // Without a secret there is nothing to verify against: what looks like a signature is left alone.
        Signature signature = policy.hasSigningSecret() ? Signature.of(call) : null;
        if (signature == null) {
            if (policy.signatureRequired()) {
                throw refused(Outcome.ERROR_SIGNATURE_MISSING, "the offer requires signed calls: "
                        + (call.body() != null ? "send webhook-id, webhook-timestamp and webhook-signature headers"
                                : "send webhook_id, webhook_timestamp and webhook_signature parameters"));
            }
            return null;
        }
        Instant now = clock.instant();
        long timestamp = signature.timestamp();
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
            throw refused(Outcome.ERROR_SIGNATURE_STALE, "the signature's timestamp " + timestamp
                    + " is more than " + tolerance.toSeconds() + " s away from now (" + now.getEpochSecond() + ")");
        }
        boolean valid = policies.secretsAcceptedAt(policy, now).stream()
            .anyMatch(secret -> WebhookSignatures.anyMatches(secret.key(), signature.id(), timestamp,
                    signature.content(), signature.signatures()));
        if (!valid) {
            throw refused(Outcome.ERROR_SIGNATURE_INVALID, "no signature matches " + signature.what());
        }
        return new SignedMessage(offer.offerId(), signature.id(), contentDigest(call, signature));
    }

    /**
     * What a resend of the message must carry again: the signed content, and the path, which a JSON webhook's
     * signature does not cover, so that a message moved to another endpoint (a deposit's body posted as a chargeback)
     * is not taken for a resend of it.
     */
    private static String contentDigest(InboundCall call, Signature signature) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(CanonicalRequest.path(call.path()).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(signature.content()));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Rejection refused(Outcome outcome, String message) {
        return new Rejection(outcome, HttpStatus.UNAUTHORIZED, message);
    }

    /** The signature a call carries, in headers for a call with a body, in parameters otherwise. */
    private record Signature(String id, long timestamp, String signatures, byte[] content, String what) {

        static Signature of(InboundCall call) {
            boolean json = call.body() != null;
            Map<String, List<String>> parameters = call.signed().parameters();
            String id = json ? call.signed().headers().get("webhook-id") : first(parameters, "webhook_id");
            String timestamp = json ? call.signed().headers().get("webhook-timestamp")
                    : first(parameters, "webhook_timestamp");
            String signatures = json ? call.signed().headers().get("webhook-signature")
                    : first(parameters, "webhook_signature");
            if (id == null && timestamp == null && signatures == null) {
                return null;
            }
            String names = json ? "webhook-id, webhook-timestamp and webhook-signature"
                    : "webhook_id, webhook_timestamp and webhook_signature";
            if (id == null || timestamp == null || signatures == null || id.isBlank()) {
                throw refused(Outcome.ERROR_SIGNATURE_INVALID, names + " must all be sent");
            }
            if (id.length() > MAX_MESSAGE_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
                throw refused(Outcome.ERROR_SIGNATURE_INVALID, "the message id must be at most "
                        + MAX_MESSAGE_ID_LENGTH + " printable characters");
            }
            if (!timestamp.matches("[0-9]{1,12}")) {
                throw refused(Outcome.ERROR_SIGNATURE_INVALID, "the timestamp must be Unix time in seconds");
            }
            byte[] content = json ? call.signed().body()
                    : CanonicalRequest.content(call.path(), parameters).getBytes(StandardCharsets.UTF_8);
            return new Signature(id, Long.parseLong(timestamp), signatures, content,
                    json ? "the body" : "the canonical path and query");
        }

        private static String first(Map<String, List<String>> parameters, String name) {
            List<String> values = parameters.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
