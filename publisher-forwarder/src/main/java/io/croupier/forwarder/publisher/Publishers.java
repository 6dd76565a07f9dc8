package io.croupier.forwarder.publisher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import io.croupier.events.Money;
import io.croupier.events.Publisher;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import io.croupier.secrets.webhook.WebhookSecret;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The publishers this forwarder owns. Every change is published on the publishers topic through the outbox, in the
 * transaction that made it, so commission-service and attribution-service see exactly what was committed.
 */
@Service
public class Publishers {

    private static final String AUDITED_TYPE = "publisher";

    private final PublisherRepository repository;

    private final Outbox outbox;

    private final AuditTrail audit;

    private final ApplicationEventPublisher events;

    Publishers(PublisherRepository repository, Outbox outbox, AuditTrail audit, ApplicationEventPublisher events) {
        this.repository = repository;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    PublisherView create(PublisherRequest request) {
        PublisherDefinition definition = PublisherDefinition.of(request);
        WebhookSecret secret = request.signingSecret() == null ? WebhookSecret.generate()
                : parsed(request.signingSecret());
        long id = uniqueUsername(definition, () -> repository.insert(definition, secret));
        PublisherView view = PublisherView.of(publish(id));
        audit.record("create", AUDITED_TYPE, Long.toString(id), null, view);
        return view.revealing(secret);
    }

    @Transactional
    PublisherView update(long id, PublisherRequest request) {
        PublisherDefinition definition = PublisherDefinition.of(request);
        WebhookSecret secret = request.signingSecret() == null ? null : parsed(request.signingSecret());
        PublisherView before = view(id);
        boolean found = uniqueUsername(definition, () -> repository.update(id, definition, secret));
        if (!found) {
            throw notFound(id);
        }
        PublisherView view = PublisherView.of(publish(id));
        audit.record(secret == null ? "update" : "update-with-signing-secret", AUDITED_TYPE, Long.toString(id),
                before, view);
        events.publishEvent(new PublisherChanged(id));
        return view;
    }

    /** Publishers are never erased: their deliveries and ledger entries keep pointing at them. */
    @Transactional
    PublisherView deactivate(long id) {
        PublisherView before = view(id);
        change(id, repository::deactivate);
        PublisherView view = PublisherView.of(publish(id));
        audit.record("deactivate", AUDITED_TYPE, Long.toString(id), before, view);
        events.publishEvent(new PublisherChanged(id));
        return view;
    }

    /** Audited as its own action: the views never hold the secret, so before and after alone would not show it. */
    @Transactional
    PublisherView rotateSecret(long id) {
        WebhookSecret secret = WebhookSecret.generate();
        PublisherView before = view(id);
        change(id, publisherId -> repository.replaceSecret(publisherId, secret));
        events.publishEvent(new PublisherChanged(id));
        PublisherView after = view(id);
        audit.record("rotate-signing-secret", AUDITED_TYPE, Long.toString(id), before, after);
        return after.revealing(secret);
    }

    @Transactional(readOnly = true)
    PublisherView view(long id) {
        return repository.find(id).map(PublisherView::of).orElseThrow(() -> notFound(id));
    }

    /** Up to {@code count} publishers after the one with id {@code afterId} (from the first when null), by id. */
    @Transactional(readOnly = true)
    List<PublisherView> page(Long afterId, int count) {
        return repository.page(afterId, count).stream().map(PublisherView::of).toList();
    }

    /** The publisher's endpoint as a delivery attempt needs it. */
    @Transactional(readOnly = true)
    public Optional<PublisherEndpoint> endpoint(long id) {
        return repository.find(id)
            .map(row -> new PublisherEndpoint(row.id(), PostbackTemplate.parse(row.postbackUrl()), row.method(),
                    repository.signingSecret(row), row.rateLimitPerSecond(), row.active(), row.endpointDisabledAt(),
                    row.endpointDisabledReason()));
    }

    /** After a 410 Gone: the publisher said the endpoint is gone for good, so nothing is sent until an admin acts. */
    @Transactional
    public void disableEndpoint(long id, String reason) {
        repository.disableEndpoint(id, reason);
        events.publishEvent(new PublisherChanged(id));
    }

    private PublisherRow publish(long id) {
        PublisherRow row = repository.find(id).orElseThrow(() -> notFound(id));
        outbox.append(Topics.PUBLISHERS, new PublisherId(id).toEvent(), event(row));
        return row;
    }

    private static WebhookSecret parsed(String signingSecret) {
        try {
            return WebhookSecret.parse(signingSecret);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidPublisherException("signing_secret " + e.getMessage() + "; omit it to have one generated");
        }
    }

    private void change(long id, LongPredicate change) {
        if (!change.test(id)) {
            throw notFound(id);
        }
    }

    private static <T> T uniqueUsername(PublisherDefinition definition, Supplier<T> write) {
        try {
            return write.get();
        }
        catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "username " + definition.username() + " is already taken");
        }
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no publisher " + id);
    }

    private static Publisher event(PublisherRow row) {
        Map<String, io.croupier.events.PayoutTerms> offerTerms = new LinkedHashMap<>();
        row.offerTerms().forEach((offerId, terms) -> offerTerms.put(offerId, terms(terms)));
        return Publisher.newBuilder()
            .setPublisherId(new PublisherId(row.id()).toEvent())
            .setName(row.name())
            .setUsername(row.username())
            .setActive(row.active())
            .setOfferwall(row.offerwall())
            .setTerms(terms(row.payoutTerms()))
            .setOfferTerms(offerTerms)
            .setUpdatedAt(row.updatedAt())
            .build();
    }

    private static io.croupier.events.PayoutTerms terms(PayoutTerms terms) {
        return io.croupier.events.PayoutTerms.newBuilder()
            .setRevSharePercent(terms.revsharePercent() == null ? null : terms.revsharePercent().toPlainString())
            .setFixedAmount(terms.fixedAmount() == null ? null
                    : new Money(terms.fixedAmount().toPlainString(), terms.currency()))
            .build();
    }

    /**
     * Raised when a publisher's endpoint changed (its settings, activation, signing secret, or a 410 disabling it), so
     * state kept per endpoint is dropped once the change commits.
     */
    public record PublisherChanged(long publisherId) {
    }
}
