package io.croupier.postback.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.croupier.postback.offer.OfferReplica;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.secrets.webhook.WebhookSecret;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Changes to an offer's inbound policy, each under the row's lock and audited in its transaction. */
@Service
class InboundPolicyAdministration {

    static final int MAX_KEEP_PREVIOUS_HOURS = 24 * 30;

    private static final String AUDITED_TYPE = "inbound-policy";

    private final InboundPolicies policies;

    private final OfferReplica offers;

    private final AuditTrail audit;

    private final Clock clock = Clock.systemUTC();

    InboundPolicyAdministration(InboundPolicies policies, OfferReplica offers, AuditTrail audit) {
        this.policies = policies;
        this.offers = offers;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    InboundPolicyView view(String offerId) {
        requireOffer(offerId);
        return InboundPolicyView.of(policies.find(offerId).orElseGet(() -> InboundPolicy.open(offerId)));
    }

    @Transactional(readOnly = true)
    List<InboundPolicyView> after(String afterOfferId, int limit) {
        return policies.after(afterOfferId, limit).stream().map(InboundPolicyView::of).toList();
    }

    @Transactional
    InboundPolicyView change(String offerId, InboundPolicyChange change) {
        requireOffer(offerId);
        InboundPolicy current = policies.lock(offerId);
        boolean required = change.signatureRequired() == null ? current.signatureRequired()
                : change.signatureRequired();
        List<String> sources = change.allowedSources() == null ? current.allowedSources()
                : change.allowedSources().stream().map(String::strip).toList();
        if (required && !current.hasSigningSecret()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "offer " + offerId + " has no signing secret yet: "
                    + "create one with POST /admin/inbound-auth/" + offerId + "/signing-secret, hand it to the "
                    + "casino, then require signatures");
        }
        try {
            AllowedSources.of(sources);
        }
        catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "allowed_sources: " + e.getMessage());
        }
        policies.saveRules(offerId, required, sources);
        InboundPolicyView changed = InboundPolicyView.of(policies.find(offerId).orElseThrow());
        audit.record("update", AUDITED_TYPE, offerId, InboundPolicyView.of(current), changed);
        return changed;
    }

    /**
     * A new signing secret, shown in this answer only. The one it replaces stays valid for {@code keepPreviousHours}
     * (0: refused at once, as after a leak), so a casino can switch without a call being refused meanwhile.
     */
    @Transactional
    InboundPolicyView rotateSecret(String offerId, int keepPreviousHours) {
        requireOffer(offerId);
        if (keepPreviousHours < 0 || keepPreviousHours > MAX_KEEP_PREVIOUS_HOURS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "keep_previous_hours must be between 0 and " + MAX_KEEP_PREVIOUS_HOURS);
        }
        InboundPolicy current = policies.lock(offerId);
        WebhookSecret secret = WebhookSecret.generate();
        Instant until = current.hasSigningSecret()
                ? InboundPolicies.previousValidUntil(Duration.ofHours(keepPreviousHours), clock.instant()) : null;
        policies.saveSecrets(offerId, secret, until);
        InboundPolicyView rotated = InboundPolicyView.of(policies.find(offerId).orElseThrow());
        audit.record("rotate-signing-secret", AUDITED_TYPE, offerId, InboundPolicyView.of(current), rotated);
        return rotated.revealing(secret.value());
    }

    private void requireOffer(String offerId) {
        if (offers.byId(offerId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no offer " + offerId);
        }
    }
}
