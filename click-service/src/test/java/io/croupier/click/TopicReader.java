package io.croupier.click;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.schemas.Topic;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads a topic of the test broker from its start, as any other service would, and writes to it as one. */
public final class TopicReader<V extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;

    private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

    private TopicReader(Topic<String, V> topic) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "group.id", "click-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(), new AvroSingleObjectDeserializer());
        consumer.subscribe(List.of(topic.name()));
    }

    public static <V extends SpecificRecord> TopicReader<V> of(Topic<String, V> topic) {
        return new TopicReader<>(topic);
    }

    /** Polls until {@code done} holds for the records seen so far matching {@code filter}, or 30 s have passed. */
    public List<ConsumerRecord<String, V>> readUntil(Predicate<ConsumerRecord<String, V>> filter,
            Predicate<List<ConsumerRecord<String, V>>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.test(matching(filter)) && System.nanoTime() < deadline) {
            pollOnce();
        }
        return matching(filter);
    }

    /** Keeps polling for the given time, to assert that nothing more arrives. */
    public List<ConsumerRecord<String, V>> readFor(Duration duration, Predicate<ConsumerRecord<String, V>> filter) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
        return matching(filter);
    }

    @SuppressWarnings("unchecked")
    private void pollOnce() {
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
            seen.add((ConsumerRecord<String, V>) (ConsumerRecord<String, ?>) record);
        }
    }

    private List<ConsumerRecord<String, V>> matching(Predicate<ConsumerRecord<String, V>> filter) {
        return seen.stream().filter(filter).toList();
    }

    public static <V extends SpecificRecord> void send(Topic<String, V> topic, String key, V value) {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(),
                new AvroSingleObjectSerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic.name(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
