package io.croupier.runtime;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Click;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class EffectivelyOnceDeliveryTest {

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EventRuntimeTestApplication.ClickCounter counter;

    @Test
    void anEventWrittenToTheOutboxIsRelayedAfterCommitAndTheRowRemoved() {
        Click click = TestClicks.forOffer("offer-1");

        transactions.executeWithoutResult(status -> outbox.append(Topics.CLICKS, click.getClickId(), click));

        await().atMost(Duration.ofSeconds(20)).until(() -> counter.applied().contains(click.getClickId()));
        await().atMost(Duration.ofSeconds(5))
            .until(() -> jdbc.sql("select count(*) from outbox_events").query(Long.class).single() == 0);
    }

    @Test
    void anOutboxRowOfARolledBackTransactionIsNeverSent() {
        Click click = TestClicks.forOffer("offer-1");

        transactions.executeWithoutResult(status -> {
            outbox.append(Topics.CLICKS, click.getClickId(), click);
            status.setRollbackOnly();
        });
        Click marker = TestClicks.forOffer("offer-1");
        transactions.executeWithoutResult(status -> outbox.append(Topics.CLICKS, marker.getClickId(), marker));

        await().atMost(Duration.ofSeconds(20)).until(() -> counter.applied().contains(marker.getClickId()));
        assertThat(counter.applied()).doesNotContain(click.getClickId());
    }

    @Test
    void everyRowOfConcurrentlyCommittingTransactionsIsRelayed() {
        List<Click> clicks = IntStream.range(0, 200).mapToObj(i -> TestClicks.forOffer("offer-1")).toList();

        clicks.parallelStream().forEach(click -> transactions.executeWithoutResult(status -> {
            outbox.append(Topics.CLICKS, click.getClickId(), click);
            // Commit late and in varying order, so lower ids often commit after higher ones were relayed.
            LockSupport.parkNanos((click.getClickId().hashCode() & 7) * 1_000_000L);
        }));

        await().atMost(Duration.ofSeconds(30))
            .until(() -> counter.applied().containsAll(clicks.stream().map(Click::getClickId).toList()));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        Click click = TestClicks.forOffer("offer-1");

        kafka.send(Topics.CLICKS.name(), click.getClickId(), click).get();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click).get();
        Click marker = TestClicks.forOffer("offer-1");
        kafka.send(Topics.CLICKS.name(), click.getClickId(), marker).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> counter.applied().contains(marker.getClickId()));
        assertThat(counter.applied()).containsOnlyOnce(click.getClickId());
    }

    @Test
    void aRecordThatKeepsFailingLandsOnTheDeadLetterTopicWithItsCause() throws Exception {
        Click poison = TestClicks.forOffer("poison");
        kafka.send(Topics.CLICKS.name(), poison.getClickId(), poison).get();

        ConsumerRecord<String, byte[]> deadLetter = firstDeadLetterWithKey(poison.getClickId());

        Header cause = deadLetter.headers().lastHeader("kafka_dlt-exception-cause-fqcn");
        assertThat(cause).isNotNull();
        assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-original-topic").value()))
            .isEqualTo(Topics.CLICKS.name());
    }

    @Test
    void aRecordThatDoesNotDecodeLandsOnTheDeadLetterTopicAsItsOriginalBytes() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLICKS.name(), key, "{}")).get();
        }

        assertThat(new String(firstDeadLetterWithKey(key).value())).isEqualTo("{}");
    }

    private static ConsumerRecord<String, byte[]> firstDeadLetterWithKey(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", UUID.randomUUID().toString(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CLICKS.deadLetterTopic()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key);
    }
}
