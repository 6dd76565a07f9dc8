package io.croupier.postback.offer;

import io.croupier.events.Offer;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code offers} in step with the compacted offers topic (a null value deletes). Stored in the database rather
 * than in memory so a restarted instance authenticates postbacks at once, before it has re-read the topic.
 */
@Component
class OfferListener {

    private static final Logger log = LoggerFactory.getLogger(OfferListener.class);

    private final OfferReplica offers;

    OfferListener(OfferReplica offers) {
        this.offers = offers;
    }

    @KafkaListener(topics = Topics.Names.OFFERS)
    void on(ConsumerRecord<String, Offer> record) {
        if (record.value() == null) {
            offers.delete(record.key());
        }
        else {
            if (!offers.digestsMatchKeys(record.value())) {
                log.warn("Offer {} was published with secret digests made under a key this service does not hold: "
                        + "its postbacks will not authenticate until croupier.secrets.digest.key (or previous-keys) "
                        + "matches click-service's", record.key());
            }
            offers.save(record.value());
        }
    }
}
