package io.croupier.commission.publisher;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.croupier.commission.money.Amount;
import io.croupier.events.Publisher;
import io.croupier.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Keeps every version of the publishers' payout terms. A tombstone removes nothing: conversions of clicks the
 * publisher sent before it was removed are still owed.
 */
@Component
class PublisherListener {

    private final PublisherReplica publishers;

    PublisherListener(PublisherReplica publishers) {
        this.publishers = publishers;
    }

    @KafkaListener(topics = Topics.Names.PUBLISHERS)
    void on(@Payload(required = false) Publisher publisher) {
        if (publisher == null) {
            return;
        }
        Map<String, PayoutTerms> offerTerms = new LinkedHashMap<>();
        publisher.getOfferTerms().forEach((offerId, terms) -> offerTerms.put(offerId, terms(terms)));
        publishers.store(new PublisherVersion(publisher.getPublisherId(), publisher.getUpdatedAt(),
                publisher.getUsername(), publisher.getOfferwall(), terms(publisher.getTerms()), offerTerms));
    }

    private static PayoutTerms terms(io.croupier.events.PayoutTerms terms) {
        return new PayoutTerms(terms.getRevSharePercent() == null ? null : new BigDecimal(terms.getRevSharePercent()),
                Amount.from(terms.getFixedAmount()));
    }
}
