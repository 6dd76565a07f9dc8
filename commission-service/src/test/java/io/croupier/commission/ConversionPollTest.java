package io.croupier.commission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
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
 * Attributed conversions are applied a poll per transaction, against the poll's standing read at once and kept in
 * memory. The records of each test are put on one partition while the listener is stopped, so that they reach it in
 * one poll.
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

    @Test
    void anApprovalAndItsRejectionInOnePollPayAndTakeBackTheSameAmounts() {
        String offer = driver.offer(uniqueId("partner"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());
        String click = uniqueId("CLK");
        String transaction = uniqueId("TXN");
        AttributedConversion pending = partnerEvent(offer, publisher, ConversionStatus.PENDING, "12.50", click,
                transaction, "user");
        AttributedConversion approved = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "12.50", click,
                transaction, "user");
        AttributedConversion approvedAgain = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "12.50",
                click, transaction, "user");
        AttributedConversion rejected = partnerEvent(offer, publisher, ConversionStatus.REJECTED, "12.50", click,
                transaction, "user");
        AttributedConversion approvedAfterRejection = partnerEvent(offer, publisher, ConversionStatus.APPROVED,
                "12.50", click, transaction, "user");

        inOnePoll(List.of(pending, approved, approved, approvedAgain, rejected, approvedAfterRejection));

        await().atMost(PATIENCE).until(() -> !driver.entries(approvedAfterRejection.getEventId()).isEmpty());
        LedgerEntry approval = driver.entries(approved.getEventId()).get(0);
        assertThat(driver.entries(approved.getEventId())).as("the repeated record").hasSize(1);
        assertThat(approval.rule()).isEqualTo("REPORTED_PAYOUT");
        assertThat(approval.revenue().value()).isEqualByComparingTo("12.50");
        assertThat(approval.publisherPayout().value()).isEqualByComparingTo("10.00");
        assertThat(driver.entries(pending.getEventId())).extracting(LedgerEntry::rule).containsExactly("PENDING");
        assertThat(driver.entries(approvedAgain.getEventId())).extracting(LedgerEntry::rule)
            .containsExactly("ALREADY_APPROVED");
        LedgerEntry clawback = driver.entries(rejected.getEventId()).stream()
            .filter(entry -> entry.reverses() != null)
            .findFirst()
            .orElseThrow();
        assertThat(clawback.reverses()).isEqualTo(approval.entryId());
        assertThat(clawback.revenue().value()).isEqualByComparingTo("-12.50");
        assertThat(clawback.publisherPayout().value()).isEqualByComparingTo("-10.00");
        assertThat(driver.entries(approvedAfterRejection.getEventId())).extracting(LedgerEntry::rule)
            .containsExactly("ALREADY_REJECTED");
        await().atMost(PATIENCE).until(() -> driver.payoutsTo(publisher).size() >= 3);
        assertThat(driver.payoutsTo(publisher)).as("the pending prospect, the approval, the clawback")
            .extracting(payout -> payout.getPayout().getAmount())
            .containsExactly("10.00", "10.00", "-10.00");
    }

    /**
     * The same random statuses of registrations, deposits (pending, approved, rejected, charged back) and profits of
     * a few players under a hybrid deal with negative carry-over, once all in one poll and once one record per poll
     * (each waiting for the one before it, so each reads its standing from the database), write the same ledger and
     * the same lifetime values.
     */
    @Test
    void aPollWritesTheLedgerThatOneConversionAtATimeWrites() {
        String inOnePoll = hybridOffer();
        String oneAtATime = hybridOffer();
        String run = uniqueId("run");
        List<AttributedConversion> batched = randomStatuses(inOnePoll, run, new Random(16));
        List<AttributedConversion> single = randomStatuses(oneAtATime, run, new Random(16));

        inOnePoll(batched);
        for (AttributedConversion conversion : single) {
            driver.process(conversion);
        }

        await().atMost(PATIENCE).until(() -> batched.stream()
            .allMatch(conversion -> !driver.entries(conversion.getEventId()).isEmpty()));
        assertThat(ledgerOf(batched)).isEqualTo(ledgerOf(single)).hasSize(batched.size() + reversals(single));
        assertThat(lifetimeValues(inOnePoll)).isEqualTo(lifetimeValues(oneAtATime)).isNotEmpty();
    }

    private String hybridOffer() {
        return driver.offer(uniqueId("hybrid"), deal(1, LONG_AGO, "BRL").setCpaAmount("150")
            .setMinDeposit("10")
            .setRevSharePercent("30")
            .setNegativeCarryOver(true)
            .build());
    }

    private static List<AttributedConversion> randomStatuses(String offer, String run, Random random) {
        List<AttributedConversion> conversions = new ArrayList<>();
        ConversionStatus[] statuses = ConversionStatus.values();
        for (int i = 0; i < 40; i++) {
            String player = run + "-player-" + random.nextInt(4);
            String transaction = player + "-deposit-" + random.nextInt(3);
            int action = random.nextInt(10);
            ConversionKind kind = action < 2 ? ConversionKind.REGISTRATION
                    : action < 6 ? ConversionKind.DEPOSIT : action < 9 ? ConversionKind.PROFIT
                    : ConversionKind.CHARGEBACK;
            ConversionStatus status = kind == ConversionKind.DEPOSIT ? statuses[random.nextInt(statuses.length)]
                    : ConversionStatus.APPROVED;
            String amount = switch (kind) {
                case REGISTRATION -> null;
                case PROFIT -> (random.nextInt(200) - 80) + ".25";
                default -> (5 + random.nextInt(40)) + ".00";
            };
            boolean ofADeposit = kind == ConversionKind.DEPOSIT || kind == ConversionKind.CHARGEBACK;
            conversions.add(Events.attributed(offer, null, Events.reported(kind, status)
                .setPlayerId(player)
                .setAmount(amount == null ? null : Events.money(amount, "BRL"))
                .setTransactionId(ofADeposit ? transaction : null)
                .setConversionId(ofADeposit ? "deposit:" + transaction : null)
                .build()).build());
        }
        return conversions;
    }

    /** Each conversion's entries by rule and amounts, with the rule of the entry a reversal takes back. */
    private List<List<String>> ledgerOf(List<AttributedConversion> conversions) {
        Map<String, String> rules = new HashMap<>();
        List<List<String>> ledger = new ArrayList<>();
        for (AttributedConversion conversion : conversions) {
            for (LedgerEntry entry : driver.entries(conversion.getEventId())) {
                rules.put(entry.entryId(), entry.rule());
                ledger.add(List.of(entry.kind() + " " + entry.status(), entry.rule(),
                        entry.revenue().value().stripTrailingZeros().toPlainString() + " " + entry.revenue().currency(),
                        entry.publisherPayout().value().stripTrailingZeros().toPlainString(),
                        entry.reverses() == null ? "-" : "reverses " + rules.get(entry.reverses())));
            }
        }
        return ledger;
    }

    private int reversals(List<AttributedConversion> conversions) {
        return (int) conversions.stream()
            .flatMap(conversion -> driver.entries(conversion.getEventId()).stream())
            .filter(entry -> entry.reverses() != null)
            .count();
    }

    private List<String> lifetimeValues(String offer) {
        return jdbc.sql("""
                select player_id || ' ' || currency || ' ' || deposit_count || ' ' || trim_scale(total_deposits)
                       || ' ' || trim_scale(total_revenue)
                from customer_ltv where offer_id = :offer order by player_id, currency""")
            .param("offer", offer)
            .query(String.class)
            .list();
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
