package io.croupier.postback.inbound;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.croupier.secrets.webhook.WebhookSecret;

/**
 * An offer's inbound policy as the admin API shows it. The signing secret is in full only in the answer that created
 * it; everywhere else it is masked ({@code whsec_****} and its last four characters), or null when none exists yet.
 */
record InboundPolicyView(@JsonProperty("offer_id") String offerId,
        @JsonProperty("signature_required") boolean signatureRequired,
        @JsonProperty("signing_secret") String signingSecret,
        @JsonProperty("previous_secret_valid_until") Instant previousSecretValidUntil,
        @JsonProperty("allowed_sources") List<String> allowedSources,
        @JsonProperty("updated_at") Instant updatedAt) {

    static InboundPolicyView of(InboundPolicy policy) {
        return new InboundPolicyView(policy.offerId(), policy.signatureRequired(),
                policy.hasSigningSecret() ? WebhookSecret.masked(policy.signingSecretHint()) : null,
                policy.previousValidUntil(), policy.allowedSources(), policy.updatedAt());
    }

    InboundPolicyView revealing(String newSecret) {
        return new InboundPolicyView(offerId, signatureRequired, newSecret, previousSecretValidUntil, allowedSources,
                updatedAt);
    }

    @Override
    public String toString() {
        return "InboundPolicyView[offer=" + offerId + ", signatureRequired=" + signatureRequired + ", secret hidden]";
    }
}
