package io.croupier.optimizer.offer;

import java.sql.Timestamp;

import io.croupier.events.Offer;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The optimizer's copy of click-service's offers (name, active flag, manual weight), kept in step with the compacted
 * offers topic. An offer record is a full snapshot, so applying it twice is harmless; the {@code updatedAt} guard keeps
 * a replayed older snapshot from undoing a newer one.
 */
@Component
class OfferReplica {

    private final JdbcClient jdbc;

    private final ApplicationEventPublisher events;

    OfferReplica(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @KafkaListener(topics = Topics.Names.OFFERS)
    @Transactional
    void on(ConsumerRecord<String, Offer> record) {
        long offerId = Long.parseLong(record.key());
        Offer offer = record.value();
        if (offer == null) {
            jdbc.sql("delete from offers where offer_id = :offerId").param("offerId", offerId).update();
            return;
        }
        int applied = jdbc.sql("""
                insert into offers (offer_id, name, active, manual_weight, updated_at)
                values (:offerId, :name, :active, :manualWeight, :updatedAt)
                on conflict (offer_id) do update
                set name = excluded.name, active = excluded.active, manual_weight = excluded.manual_weight,
                    updated_at = excluded.updated_at
                where offers.updated_at <= excluded.updated_at""")
            .param("offerId", offerId)
            .param("name", offer.getName())
            .param("active", offer.getActive())
            .param("manualWeight", offer.getWeight())
            .param("updatedAt", Timestamp.from(offer.getUpdatedAt()))
            .update();
        if (applied == 1 && offer.getActive()) {
            events.publishEvent(new OfferActive(offerId));
        }
    }
}
