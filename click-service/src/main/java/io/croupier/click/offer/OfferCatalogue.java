package io.croupier.click.offer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.croupier.click.offer.OfferRequests.DealTerms;
import io.croupier.click.offer.OfferRequests.NewOffer;
import io.croupier.click.offer.OfferRequests.OfferChanges;
import io.croupier.events.GuessedLinkPolicy;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import io.croupier.secrets.digest.SecretDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The offer catalogue. Every change is written to the offers topic through the outbox in the same transaction, so
 * the other services see exactly the committed catalogue. Postback secrets and partner keys are shown once, when
 * created or rotated, and kept only as look-up digests: neither the table nor the topic holds them in clear.
 */
@Service
public class OfferCatalogue {

    private static final Logger log = LoggerFactory.getLogger(OfferCatalogue.class);

    private static final String DEFAULT_CURRENCY = "USD";

    private static final String AUDITED_TYPE = "offer";

    private final OfferRepository offers;

    private final SecretDigest digests;

    private final Outbox outbox;

    private final AuditTrail audit;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final TaskExecutor background;

    private final SecureRandom random = new SecureRandom();

    private final Set<Long> knownClicked = ConcurrentHashMap.newKeySet();

    OfferCatalogue(OfferRepository offers, SecretDigest digests, Outbox outbox, AuditTrail audit,
            ApplicationEventPublisher events,
            @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.offers = offers;
        this.digests = digests;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
        this.background = background;
        this.clock = Clock.systemUTC();
    }

    /** The answer is the one place the offer's postback secret and partner key are shown. */
    @Transactional
    RevealedOffer create(NewOffer request) {
        Instant now = now();
        DealTerms terms = request.deal() == null ? new DealTerms(null, null, null, null, null, null, null, null)
                : request.deal();
        String postbackSecret = request.postbackSecret() == null ? newKey() : unmasked(request.postbackSecret(),
                "postback_secret");
        String partnerKey = request.partnerKey() == null ? newKey() : unmasked(request.partnerKey(), "partner_key");
        Offer offer = new Offer(0, request.name().strip(), request.casinoUrl().strip(),
                request.weight() == null ? 1.0 : request.weight(), KeptSecret.of(postbackSecret, digests),
                request.active() == null || request.active(), request.houseSlug(), KeptSecret.of(partnerKey, digests),
                deal(terms, DEFAULT_CURRENCY, 1, now), false, now, now);
        Offer created = saved(() -> offers.insert(offer));
        audited("create", null, created);
        return new RevealedOffer(created, postbackSecret, partnerKey);
    }

    @Transactional
    Offer update(long id, OfferChanges changes) {
        Offer current = offers.findForUpdate(id).orElseThrow(() -> new OfferNotFound(id));
        Instant now = now();
        Deal deal = current.deal();
        if (changes.deal() != null) {
            Deal proposed = deal(changes.deal(), deal.currency(), deal.version() + 1, now);
            if (!proposed.sameTermsAs(deal)) {
                deal = proposed;
            }
        }
        Offer changed = new Offer(id, changes.name() == null ? current.name() : changes.name().strip(),
                changes.casinoUrl() == null ? current.casinoUrl() : changes.casinoUrl().strip(),
                given(changes.weight(), current.weight()),
                changedSecret(changes.postbackSecret(), current.postbackSecret(), "postback_secret"),
                given(changes.active(), current.active()),
                given(changes.houseSlug(), current.houseSlug()),
                changedSecret(changes.partnerKey(), current.partnerKey(), "partner_key"), deal, current.clicked(),
                current.createdAt(), now);
        Offer updated = saved(() -> offers.update(changed));
        audited("update", current, updated);
        return updated;
    }

    /**
     * A new random postback secret, shown in the answer only; the previous one stops working at once, or once the
     * grace ends.
     */
    @Transactional
    RevealedOffer rotatePostbackSecret(long id, PreviousSecretGrace grace) {
        Offer current = offers.findForUpdate(id).orElseThrow(() -> new OfferNotFound(id));
        String secret = newKey();
        Instant now = now();
        Offer rotated = saved(() -> offers.update(current.withSecrets(
                grace.apply(KeptSecret.of(secret, digests), current.postbackSecret(), now), current.partnerKey(), now)));
        audited("rotate-postback-secret", current, rotated);
        return new RevealedOffer(rotated, secret, null);
    }

    /**
     * A new random partner key, shown in the answer only; postbacks to the previous URL are refused at once, or once
     * the grace ends.
     */
    @Transactional
    RevealedOffer rotatePartnerKey(long id, PreviousSecretGrace grace) {
        Offer current = offers.findForUpdate(id).orElseThrow(() -> new OfferNotFound(id));
        String key = newKey();
        Instant now = now();
        Offer rotated = saved(() -> offers.update(current.withSecrets(current.postbackSecret(),
                grace.apply(KeptSecret.of(key, digests), current.partnerKey(), now), now)));
        audited("rotate-partner-key", current, rotated);
        return new RevealedOffer(rotated, null, key);
    }

    /**
     * Erases an offer nobody ever clicked; one with clicks is only deactivated, because clicks, conversions and ledger
     * entries elsewhere still refer to it.
     */
    @Transactional
    Removal remove(long id) {
        Offer current = offers.findForUpdate(id).orElseThrow(() -> new OfferNotFound(id));
        if (current.clicked() || knownClicked.contains(id)) {
            Offer deactivated = offers.update(current.deactivated(true, now()));
            announce(deactivated);
            audited("deactivate", current, deactivated);
            return new Removal(deactivated, false);
        }
        offers.delete(id);
        // The outbox cannot carry a tombstone (its payload is not nullable): consumers see the offer inactive.
        Offer gone = current.deactivated(false, now());
        announce(gone);
        audited("delete", current, null);
        return new Removal(gone, true);
    }

    @Transactional(readOnly = true)
    Offer get(long id) {
        return offers.findById(id).orElseThrow(() -> new OfferNotFound(id));
    }

    @Transactional(readOnly = true)
    public List<Offer> list(boolean activeOnly) {
        return offers.findAll(activeOnly);
    }

    /** Up to {@code count} offers after the one with id {@code afterId} (from the first when null), by id. */
    @Transactional(readOnly = true)
    List<Offer> page(boolean activeOnly, Long afterId, int count) {
        return offers.page(activeOnly, afterId, count);
    }

    /**
     * Remembers, in the background, that a click was routed to the offer, so that deleting it keeps its history.
     * Writes at most once per offer and instance, never on the redirect's thread.
     */
    public void markClicked(long id) {
        if (knownClicked.add(id)) {
            background.execute(() -> {
                try {
                    offers.markClicked(id);
                }
                catch (RuntimeException e) {
                    knownClicked.remove(id);
                    log.warn("Could not record the first click of offer {}: {}", id, e.toString());
                }
            });
        }
    }

    private Offer saved(Supplier<Offer> write) {
        Offer saved;
        try {
            saved = write.get();
        }
        catch (DuplicateKeyException e) {
            throw taken(e);
        }
        announce(saved);
        return saved;
    }

    private void announce(Offer offer) {
        outbox.append(Topics.OFFERS, Long.toString(offer.id()), OfferEvents.of(offer));
        events.publishEvent(new OfferCatalogueChanged(offer.id()));
    }

    /** In the change's transaction, as the admin API shows the offer; secrets are redacted by the trail. */
    private void audited(String action, Offer before, Offer after) {
        long id = after == null ? before.id() : after.id();
        audit.record(action, AUDITED_TYPE, Long.toString(id), before == null ? null : OfferResponse.audited(before),
                after == null ? null : OfferResponse.audited(after));
    }

    /**
     * A secret given in a change: omitted or sent back masked as it was shown keeps the current one; anything else
     * replaces it.
     */
    private KeptSecret changedSecret(String given, KeptSecret current, String field) {
        if (given == null || current != null && KeptSecret.looksMasked(given) && given.equals(current.masked())) {
            return current;
        }
        return KeptSecret.of(unmasked(given, field), digests);
    }

    private static String unmasked(String secret, String field) {
        if (KeptSecret.looksMasked(secret)) {
            throw InvalidOffer.invalid(field, "is a masked value, not a secret: send the new value, or rotate it with "
                    + "POST /admin/offers/{offer_id}/" + field.replace('_', '-'));
        }
        return secret;
    }

    /** The changed value, or the current one (which may be null) when the change leaves the field out. */
    private static <T> T given(T changed, T current) {
        return changed != null ? changed : current;
    }

    private static InvalidOffer taken(DuplicateKeyException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        for (String field : List.of("house_slug", "partner_key", "postback_secret")) {
            if (message.contains("offers_" + field + "_key") || message.contains("offers_" + field + "_digest_key")) {
                return InvalidOffer.taken(field);
            }
        }
        throw e;
    }

    /** The request's terms, valid as bean validation checked them; an omitted currency keeps {@code defaultCurrency}. */
    private static Deal deal(DealTerms terms, String defaultCurrency, int version, Instant effectiveFrom) {
        String currency = terms.currency() == null ? defaultCurrency : terms.currency();
        return new Deal(version, effectiveFrom, terms.cpaAmount(), terms.minDeposit(), terms.revsharePercent(),
                currency, Boolean.TRUE.equals(terms.negativeCarryOver()),
                terms.guessedLinks() == null ? GuessedLinkPolicy.PAY : terms.guessedLinks(),
                terms.clawbackWindowDays() == null ? Deal.DEFAULT_CLAWBACK_WINDOW_DAYS : terms.clawbackWindowDays(),
                Boolean.TRUE.equals(terms.cpaRequiresConfirmation()));
    }

    private String newKey() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Instant now() {
        // The offers topic carries milliseconds; the database and the API show the same instant.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** What {@link #remove} did: erased the offer, or only deactivated it because it has clicks. */
    record Removal(Offer offer, boolean erased) {
    }
}
