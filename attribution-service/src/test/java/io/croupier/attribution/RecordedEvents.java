package io.croupier.attribution;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.AttributedConversion;
import io.croupier.events.OfferPerformance;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything the service emitted, read from the real topics by one background consumer per test JVM, the way
 * commission-service and optimizer-service would read it.
 */
public final class RecordedEvents {

    private static final Map<String, Queue<ConsumerRecord<String, SpecificRecord>>> BY_EVENT_ID =
            new ConcurrentHashMap<>();

    private static volatile boolean started;

    public static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread reader = new Thread(RecordedEvents::read, "recorded-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Every record carrying the attributed conversion of this input event id (more than one would be a bug). */
    public static List<AttributedConversion> attributed(String conversionEventId) {
        return records("attributed:" + conversionEventId).stream()
            .map(record -> (AttributedConversion) record.value())
            .toList();
    }

    public static List<ConsumerRecord<String, SpecificRecord>> records(String eventId) {
        return List.copyOf(BY_EVENT_ID.getOrDefault(eventId, new ConcurrentLinkedQueue<>()));
    }

    /** The latest revision published for each window of the offer. */
    public static List<OfferPerformance> performance(String offerId) {
        Map<Long, OfferPerformance> latest = new ConcurrentHashMap<>();
        BY_EVENT_ID.forEach((eventId, records) -> {
            if (eventId.startsWith("performance:" + offerId + ":")) {
                for (ConsumerRecord<String, SpecificRecord> record : records) {
                    OfferPerformance window = (OfferPerformance) record.value();
                    latest.merge(window.getWindowStart().toEpochMilli(), window,
                            (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
                }
            }
        });
        return List.copyOf(latest.values());
    }

    private static void read() {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", "recorder-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"), new StringDeserializer(),
                new AvroSingleObjectDeserializer())) {
            consumer.subscribe(List.of(Topics.ATTRIBUTED_CONVERSIONS.name(), Topics.OFFER_PERFORMANCE.name()));
            while (true) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    String eventId = record.value() instanceof AttributedConversion attributed
                            ? attributed.getEventId() : ((OfferPerformance) record.value()).getEventId();
                    BY_EVENT_ID.computeIfAbsent(eventId, id -> new ConcurrentLinkedQueue<>()).add(record);
                }
            }
        }
    }

    private RecordedEvents() {
    }
}
