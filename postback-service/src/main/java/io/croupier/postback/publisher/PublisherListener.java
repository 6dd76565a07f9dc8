package io.croupier.postback.publisher;

import io.croupier.events.Publisher;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps {@code publishers} in step with the compacted publishers topic (a null value deletes). */
@Component
class PublisherListener {

    private final PublisherReplica publishers;

    PublisherListener(PublisherReplica publishers) {
        this.publishers = publishers;
    }

    @KafkaListener(topics = Topics.Names.PUBLISHERS)
    void on(ConsumerRecord<String, Publisher> record) {
        if (record.value() == null) {
            publishers.delete(record.key());
        }
        else {
            publishers.save(record.value());
        }
    }
}
