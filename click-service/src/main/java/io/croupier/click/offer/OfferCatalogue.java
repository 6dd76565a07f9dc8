package io.croupier.click.offer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.croupier.click.offer.OfferRequests.DealTerms;
import io.croupier.click.offer.OfferRequests.NewOffer;
import io.croupier.click.offer.OfferRequests.OfferChanges;
import io.croupier.events.GuessedLinkPolicy;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
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
 * the other services see exactly the committed catalogue.
 */
@Service
public class OfferCatalogue {

    private static final Logger log = LoggerFactory.getLogger(OfferCatalogue.class);

    private static final String DEFAULT_CURRENCY = "USD";

    private final OfferRepository offers;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final TaskExecutor background;

    private final SecureRandom random = new SecureRandom();

    private final Set<Long> knownClicked = ConcurrentHashMap.newKeySet();

    OfferCatalogue(OfferRepository offers, Outbox outbox, ApplicationEventPublisher events,
            @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.offers = offers;
        this.outbox = outbox;
        this.events = events;
        this.background = background;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    Offer create(NewOffer request) {
        Instant now = now();
        DealTerms terms = request.deal() == null ? new DealTerms(null, null, null, null, null, null) : request.deal();
        Offer offer = new Offer(0, request.name().strip(), validUrl(request.casinoUrl()),
                request.weight() == null ? 1.0 : request.weight(),
                request.postbackSecret() == null ? newKey() : request.postbackSecret(),
                request.active() == null || request.active(), request.houseSlug(),
                request.partnerKey() == null ? newKey() : request.partnerKey(), deal(terms, DEFAULT_CURRENCY, 1, now),
                false, now, now);
        return saved(() -> offers.insert(offer));
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
                changes.casinoUrl() == null ? current.casinoUrl() : validUrl(changes.casinoUrl()),
                given(changes.weight(), current.weight()),
                given(changes.postbackSecret(), current.postbackSecret()),
                given(changes.active(), current.active()),
                given(changes.houseSlug(), current.houseSlug()),
                given(changes.partnerKey(), current.partnerKey()), deal, current.clicked(),
                current.createdAt(), now);
        return saved(() -> offers.update(changed));
    }

    /**
     * Erases an offer nobody ever clicked; one with clicks is only deactivated, because clicks, conversions and ledger
     * entries elsewhere still refer to it.
     */
    @Transactional
    Removal remove(long id) {
        Offer current = offers.findForUpdate(id).orElseThrow(() -> new OfferNotFound(id));
        if (current.clicked() || knownClicked.contains(id)) {
            Offer deactivated = offers.update(new Offer(id, current.name(), current.casinoUrl(), current.weight(),
                    current.postbackSecret(), false, current.houseSlug(), current.partnerKey(), current.deal(), true,
                    current.createdAt(), now()));
            announce(deactivated);
            return new Removal(deactivated, false);
        }
        offers.delete(id);
        // The outbox cannot carry a tombstone (its payload is not nullable): consumers see the offer inactive.
        Offer gone = new Offer(id, current.name(), current.casinoUrl(), current.weight(), current.postbackSecret(),
                false, current.houseSlug(), current.partnerKey(), current.deal(), false, current.createdAt(), now());
        announce(gone);
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

    /** The changed value, or the current one (which may be null) when the change leaves the field out. */
    private static <T> T given(T changed, T current) {
        return changed != null ? changed : current;
    }

    private static InvalidOffer taken(DuplicateKeyException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        for (String field : List.of("house_slug", "partner_key", "postback_secret")) {
            if (message.contains("offers_" + field + "_key")) {
                return InvalidOffer.taken(field);
            }
        }
        throw e;
    }

    private static Deal deal(DealTerms terms, String defaultCurrency, int version, Instant effectiveFrom) {
        String currency = terms.currency() == null ? defaultCurrency : terms.currency();
        try {
            Currency.getInstance(currency);
        }
        catch (IllegalArgumentException e) {
            throw InvalidOffer.invalid("deal.currency", "unknown ISO 4217 currency " + currency);
        }
        return new Deal(version, effectiveFrom, terms.cpaAmount(), terms.minDeposit(), terms.revsharePercent(),
                currency, Boolean.TRUE.equals(terms.negativeCarryOver()),
                terms.guessedLinks() == null ? GuessedLinkPolicy.PAY : terms.guessedLinks());
    }

    private static String validUrl(String casinoUrl) {
        String url = casinoUrl.strip();
        try {
            UrlTemplate.parse(url);
        }
        catch (IllegalArgumentException e) {
            throw InvalidOffer.invalid("casino_url", e.getMessage());
        }
        return url;
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
