package io.croupier.commission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.AuditRecorded;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/** Reads croupier.audit from its start, as identity-service does, for the records of one object. */
final class AuditTopic {

    static List<AuditRecorded> read(String objectId, int expected) {
        List<AuditRecorded> found = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "group.id", "commission-audit-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new AvroSingleObjectDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT.name()));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof AuditRecorded audit && objectId.equals(audit.getObjectId())) {
                        found.add(audit);
                    }
                }
                return found.size() >= expected;
            });
        }
        return found;
    }

    private AuditTopic() {
    }
}
