package io.croupier.embedded;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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

/**
 * Everything on one topic of the test broker, read from its start by one background consumer per topic and test JVM,
 * the way a new consumer group of another service reads it: read-committed, so records of aborted transactions never
 * show. Tests of every module record topics through this one fixture.
 *
 * @param <V> the topic's value type
 */
public final class TopicRecords<V extends SpecificRecord> {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Map<String, TopicRecords<?>> BY_TOPIC = new ConcurrentHashMap<>();

    private final List<ConsumerRecord<String, V>> seen = new CopyOnWriteArrayList<>();

    private final Topic<String, V> topic;

    private TopicRecords(Topic<String, V> topic) {
        this.topic = topic;
    }

    /** The recorder of {@code topic}, started on first use; later calls answer the same recorder. */
    @SuppressWarnings("unchecked")
    public static <V extends SpecificRecord> TopicRecords<V> of(Topic<String, V> topic) {
        return (TopicRecords<V>) BY_TOPIC.computeIfAbsent(topic.name(), name -> new TopicRecords<>(topic).started());
    }

    /** Sends one record as a producing service would, and waits until the broker has acknowledged it. */
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

    /** The records read so far that match {@code wanted}, in the order the topic holds them (per partition). */
    public List<ConsumerRecord<String, V>> records(Predicate<ConsumerRecord<String, V>> wanted) {
        return seen.stream().filter(wanted).toList();
    }

    /** The values read so far that match {@code wanted}, in the order the topic holds them (per partition). */
    public List<V> values(Predicate<V> wanted) {
        return seen.stream().map(ConsumerRecord::value).filter(wanted).toList();
    }

    /** The records that match {@code wanted}, once at least {@code count} have arrived; fails after 30 s. */
    public List<ConsumerRecord<String, V>> awaitRecords(Predicate<ConsumerRecord<String, V>> wanted, int count) {
        return await().atMost(PATIENCE)
            .alias(count + " records on " + topic.name())
            .until(() -> records(wanted), found -> found.size() >= count);
    }

    /** The values that match {@code wanted}, once at least {@code count} have arrived; fails after 30 s. */
    public List<V> awaitValues(Predicate<V> wanted, int count) {
        return awaitRecords(record -> wanted.test(record.value()), count).stream().map(ConsumerRecord::value).toList();
    }

    /**
     * The records that match {@code wanted}, once none has arrived for {@code quiet}: what a test asserts on when a
     * record that arrives twice would be the bug.
     */
    public List<ConsumerRecord<String, V>> awaitQuiet(Predicate<ConsumerRecord<String, V>> wanted, Duration quiet) {
        AtomicInteger countBefore = new AtomicInteger(-1);
        return await().during(quiet)
            .atMost(quiet.plus(PATIENCE))
            .alias("no new record on " + topic.name() + " for " + quiet)
            .until(() -> records(wanted), found -> found.size() == countBefore.getAndSet(found.size()));
    }

    private TopicRecords<V> started() {
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", "test-recorder-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"), new StringDeserializer(),
                new AvroSingleObjectDeserializer());
        consumer.subscribe(List.of(topic.name()));
        Thread reader = new Thread(() -> record(consumer), "test-recorder-" + topic.name());
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    @SuppressWarnings("unchecked")
    private void record(KafkaConsumer<String, SpecificRecord> consumer) {
        while (true) {
            List<ConsumerRecord<String, V>> batch = new ArrayList<>();
            for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
                batch.add((ConsumerRecord<String, V>) (ConsumerRecord<String, ?>) record);
            }
            seen.addAll(batch);
        }
    }
}
