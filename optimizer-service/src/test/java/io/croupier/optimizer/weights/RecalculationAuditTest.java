package io.croupier.optimizer.weights;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.AuditRecorded;
import io.croupier.optimizer.OptimizerIntegrationTest;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A recalculation an operator asks for is an operator change: it is in the audit trail with the set it made. */
class RecalculationAuditTest extends OptimizerIntegrationTest {

    @Test
    void aRecalculationOnDemandIsAuditedWithTheManagerAndTheNewSet() {
        offer("Casino Audited", true);

        WeightSet set = updateWeights();

        AuditRecorded audit = auditOf(Long.toString(set.weightSetId()));
        assertThat(audit.getService()).isEqualTo("optimizer-service");
        assertThat(audit.getAction()).isEqualTo("recalculate");
        assertThat(audit.getObjectType()).isEqualTo("weight-set");
        assertThat(audit.getActor().getSubject()).isEqualTo("test-manager");
        assertThat(audit.getAfter()).contains("\"weight_set_id\":" + set.weightSetId()).contains("Casino Audited");
    }

    private static AuditRecorded auditOf(String weightSetId) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(), "group.id",
                UUID.randomUUID().toString(), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new AvroSingleObjectDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT.name()));
            return await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof AuditRecorded audit && audit.getObjectType().equals("weight-set")
                            && audit.getObjectId().equals(weightSetId)) {
                        return audit;
                    }
                }
                return null;
            }, found -> found != null);
        }
    }
}
