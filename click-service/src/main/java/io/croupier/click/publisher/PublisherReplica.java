package io.croupier.click.publisher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.croupier.events.Publisher;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@code pub} parameter of a click, a publisher id or a username, to the publisher id. Held in memory
 * from the compacted publishers topic, read whole by every instance (a group of its own).
 */
@Component
public class PublisherReplica {

    private final Map<String, Publisher> byId = new ConcurrentHashMap<>();

    private final Map<String, String> idByUsername = new ConcurrentHashMap<>();

    /** The publisher id {@code pub} names, or null when no publisher is known by that id or username. */
    public String resolve(String pub) {
        if (byId.containsKey(pub)) {
            return pub;
        }
        return idByUsername.get(pub);
    }

    @KafkaListener(topics = Topics.Names.PUBLISHERS,
            groupId = "click-service-publishers-${random.uuid}")
    void on(ConsumerRecord<String, Publisher> record) {
        Publisher previous = record.value() == null ? byId.remove(record.key())
                : byId.put(record.key(), record.value());
        if (previous != null) {
            idByUsername.remove(previous.getUsername(), record.key());
        }
        if (record.value() != null) {
            idByUsername.put(record.value().getUsername(), record.key());
        }
    }
}
