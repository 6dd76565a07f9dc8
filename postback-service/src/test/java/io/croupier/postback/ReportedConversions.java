package io.croupier.postback;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything this JVM's service put on the conversions-reported topic, read by a plain consumer in the background. */
public final class ReportedConversions {

    public record Delivered(String key, ConversionReported value) {
    }

    private static final List<Delivered> ALL = new CopyOnWriteArrayList<>();

    private static final Map<String, Delivered> BY_EVENT_ID = new ConcurrentHashMap<>();

    private static boolean started;

    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread reader = new Thread(ReportedConversions::read, "test-conversions-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static Optional<Delivered> get(String eventId) {
        start();
        return Optional.ofNullable(BY_EVENT_ID.get(eventId));
    }

    static List<Delivered> all() {
        start();
        return List.copyOf(ALL);
    }

    private static void read() {
        AvroSingleObjectDeserializer values = new AvroSingleObjectDeserializer();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", UUID.randomUUID().toString(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"), new StringDeserializer(),
                (topic, data) -> values.deserialize(topic, data))) {
            consumer.subscribe(List.of(Topics.CONVERSIONS_REPORTED.name()));
            while (true) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    Delivered delivered = new Delivered(record.key(), (ConversionReported) record.value());
                    ALL.add(delivered);
                    BY_EVENT_ID.put(delivered.value().getEventId(), delivered);
                }
            }
        }
    }

    private ReportedConversions() {
    }
}
