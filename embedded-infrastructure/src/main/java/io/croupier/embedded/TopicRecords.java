package io.croupier.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the test broker from its start, as a new consumer group of another service would. */
public final class TopicRecords {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * The first {@code count} values that match {@code wanted}, in the order the topic holds them (per partition);
     * fails when fewer arrive within 30 s.
     */
    public static <V> List<V> first(String topic, Deserializer<?> values, Class<V> type, Predicate<V> wanted,
            int count) {
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, ?> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "group.id", "test-reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ?> record : consumer.poll(Duration.ofMillis(200))) {
                    if (type.isInstance(record.value()) && wanted.test(type.cast(record.value()))
                            && found.size() < count) {
                        found.add(type.cast(record.value()));
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError(found.size() + " of " + count + " expected records on " + topic + " within "
                    + PATIENCE.toSeconds() + " s: " + found);
        }
        return found;
    }

    private TopicRecords() {
    }
}
