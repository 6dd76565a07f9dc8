package io.croupier.commission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionStatus;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static io.croupier.commission.SeedWorkedExamplesTest.partnerEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attributed conversions are applied a poll per transaction. The records of each test are put on one partition while
 * the listener is stopped, so that they reach it in one poll.
 */
@CommissionServiceTest
class ConversionPollTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @Autowired
    Driver driver;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void twoStatusesOfOneConversionInOnePollApplyInOrderAndARepeatInThePollIsAppliedOnce() {
        String offer = driver.offer(uniqueId("partner"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String click = uniqueId("CLK");
        String transaction = uniqueId("TXN");
        AttributedConversion approved = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "10.00", click,
                transaction, "user");
        AttributedConversion rejected = partnerEvent(offer, publisher, ConversionStatus.REJECTED, "10.00", click,
                transaction, "user");
        AttributedConversion other = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "3.00",
                uniqueId("CLK"), uniqueId("TXN"), "user");

        inOnePoll(List.of(approved, rejected, other, other));

        await().atMost(PATIENCE).until(() -> !driver.entries(other.getEventId()).isEmpty());
        assertThat(driver.entries(approved.getEventId())).extracting(LedgerEntry::rule)
            .containsExactly("REPORTED_PAYOUT");
        List<LedgerEntry> rejection = driver.entries(rejected.getEventId());
        assertThat(rejection).extracting(LedgerEntry::rule).containsExactlyInAnyOrder("REJECTED", "CLAWBACK");
        assertThat(rejection).filteredOn(entry -> entry.reverses() != null)
            .extracting(LedgerEntry::reverses)
            .containsExactly(driver.entries(approved.getEventId()).get(0).entryId());
        assertThat(driver.entries(other.getEventId())).hasSize(1);
        assertThat(jdbc.sql("""
                select count(distinct processed_at) from processed_events
                where consumer = 'commission-service.attributed-conversions' and event_id in (:ids)""")
            .param("ids", List.of(approved.getEventId(), rejected.getEventId(), other.getEventId()))
            .query(Long.class)
            .single()).as("one transaction for the poll").isEqualTo(1);
    }

    @Test
    void aPollWithOneFailingConversionCommitsTheOthersDeadLettersItAndARedeliveryAppliesNothingTwice() {
        String offer = driver.offer(uniqueId("partner"), deal(1, LONG_AGO, "USD").build());
        String offerWithoutDeal = uniqueId("not-yet");
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        AttributedConversion before = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "1.00",
                uniqueId("CLK"), uniqueId("TXN"), "user");
        AttributedConversion failing = partnerEvent(offerWithoutDeal, publisher, ConversionStatus.APPROVED, "2.00",
                uniqueId("CLK"), uniqueId("TXN"), "user");
        AttributedConversion after = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "3.00",
                uniqueId("CLK"), uniqueId("TXN"), "user");
        List<AttributedConversion> poll = List.of(before, failing, after);

        inOnePoll(poll);

        await().atMost(PATIENCE).until(() -> deadLettered(failing.getEventId()));
        await().atMost(PATIENCE).until(() -> !driver.entries(after.getEventId()).isEmpty());
        assertThat(driver.entries(before.getEventId())).hasSize(1);
        assertThat(driver.entries(after.getEventId())).hasSize(1);
        assertThat(driver.entries(failing.getEventId())).isEmpty();

        driver.offer(offerWithoutDeal, deal(1, LONG_AGO, "USD").build());
        inOnePoll(poll);

        await().atMost(PATIENCE).until(() -> !driver.entries(failing.getEventId()).isEmpty());
        for (AttributedConversion conversion : poll) {
            assertThat(driver.entries(conversion.getEventId())).as(conversion.getEventId()).hasSize(1);
        }
    }

    /** Publishes the conversions, in order, to one partition while the listener is stopped, then starts it. */
    private void inOnePoll(List<AttributedConversion> conversions) {
        MessageListenerContainer listener = listeners.getListenerContainers().stream()
            .filter(container -> List.of(container.getContainerProperties().getTopics())
                .contains(Topics.ATTRIBUTED_CONVERSIONS.name()))
            .findFirst()
            .orElseThrow();
        listener.stop();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();
            for (AttributedConversion conversion : conversions) {
                producer.send(new ProducerRecord<>(Topics.ATTRIBUTED_CONVERSIONS.name(), 0, conversion.getOfferId(),
                        serializer.serialize(Topics.ATTRIBUTED_CONVERSIONS.name(), conversion)));
            }
            producer.flush();
        }
        finally {
            listener.start();
        }
    }

    private static boolean deadLettered(String eventId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", "dead-letter-reader-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ATTRIBUTED_CONVERSIONS.deadLetterTopic())
                .stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();
            return records.stream()
                .map(record -> deserializer.deserialize(record.topic(), record.value()))
                .anyMatch(value -> value instanceof AttributedConversion conversion
                        && conversion.getEventId().equals(eventId));
        }
    }
}
