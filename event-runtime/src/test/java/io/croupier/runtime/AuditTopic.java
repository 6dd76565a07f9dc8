package io.croupier.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.AuditRecorded;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/** Reads {@code croupier.audit} from the beginning, as identity-service would, to find one test's records. */
final class AuditTopic {

    static AuditRecorded first(Predicate<AuditRecorded> wanted) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "group.id", "audit-test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new AvroSingleObjectDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT.name()));
            return await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof AuditRecorded audit && wanted.test(audit)) {
                        return audit;
                    }
                }
                return null;
            }, found -> found != null);
        }
    }

    private AuditTopic() {
    }
}
