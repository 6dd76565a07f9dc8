package io.croupier.commission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.croupier.commission.ledger.Ledger;
import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.GuessedLinkPolicy;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger is a pure function of the input topic (and of operators' decisions on held payouts, which are not on
 * it): replays reproduce it and never add to it.
 */
@CommissionServiceTest
class ReplayTest {

    /** Everything of an entry but where and when it was written. */
    private static final String ENTRY = """
            select entry_id, input_event_id, postback_log_id, reverses, resolves, conversion_key, offer_id,
                   publisher_id, click_id, player_id, campaign, kind, status, rule, deal_version, revenue,
                   revenue_currency, publisher_payout, payout_currency, held_payout, first_deposit,
                   attribution_method, attribution_warning, guessed_link, reference::text as reference,
                   inputs::text as inputs, occurred_at
            from %s.ledger_entries where input_event_id in (:ids) order by entry_id""";

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Test
    void replayingTheWholeInputTopicIntoAFreshInstanceProducesTheSameLedger() {
        Set<String> inputs = feedAVarietyOfConversions();
        await().atMost(PATIENCE).until(() -> mainEntriesOf(inputs, "commission") == inputs.size());

        String schema = "commission_replay_" + UUID.randomUUID().toString().substring(0, 8);
        try (ConfigurableApplicationContext fresh = new SpringApplicationBuilder(CommissionServiceApplication.class)
            .initializers(new EmbeddedInfrastructureInitializer())
            .run("--server.port=0", "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
                    "--spring.kafka.consumer.group-id=commission-replay-" + schema,
                    "--logging.level.state.change.logger=WARN")) {
            await().atMost(PATIENCE).until(() -> mainEntriesOf(inputs, schema) == inputs.size());

            assertThat(ledgerOf(inputs, schema)).isEqualTo(ledgerOf(inputs, "commission"));
        }
    }

    @Test
    void replayingTheWholeInputTopicIntoTheRunningInstanceAddsNothing() throws Exception {
        feedAVarietyOfConversions();
        Set<String> inputs = eventIdsOnTheInputTopic();
        await().atMost(PATIENCE).until(() -> mainEntriesOf(inputs, "commission") == inputs.size());
        awaitNoLag();
        List<Map<String, Object>> before = ledgerOf(inputs, "commission");
        long totalBefore = jdbc.sql("select count(*) from ledger_entries").query(Long.class).single();
        long deadLettersBefore = deadLetters();

        republishTheWholeInputTopic();
        awaitNoLag();

        assertThat(jdbc.sql("select count(*) from ledger_entries").query(Long.class).single()).isEqualTo(totalBefore);
        assertThat(deadLetters()).as("duplicates are skipped, not failed").isEqualTo(deadLettersBefore);
        assertThat(ledgerOf(inputs, "commission")).isEqualTo(before);
    }

    /** @return the event ids of the conversions fed, none of them touched by an operator's decision */
    private Set<String> feedAVarietyOfConversions() {
        Driver driver = new Driver(kafka, jdbc, ledger);
        java.time.Instant longAgo = java.time.Instant.parse("2020-01-01T00:00:00Z");
        String cpa = driver.offer(uniqueId("cpa"), deal(1, longAgo, "BRL").setCpaAmount("150")
            .setMinDeposit("10")
            .setRevSharePercent("20")
            .setNegativeCarryOver(true)
            .build());
        String partner = driver.offer(uniqueId("partner"), deal(1, longAgo, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String subId = uniqueId("sub");
        List<AttributedConversion> conversions = new ArrayList<>();
        conversions.add(SeedWorkedExamplesTest.houseEvent(cpa, subId, ConversionKind.REGISTRATION, "0"));
        conversions.add(SeedWorkedExamplesTest.houseEvent(cpa, subId, ConversionKind.DEPOSIT, "25.00"));
        conversions.add(SeedWorkedExamplesTest.houseEvent(cpa, subId, ConversionKind.DEPOSIT, "25.00"));
        conversions.add(SeedWorkedExamplesTest.houseEvent(cpa, subId, ConversionKind.PROFIT, "-10.00"));
        conversions.add(SeedWorkedExamplesTest.houseEvent(cpa, subId, ConversionKind.PROFIT, "60.00"));
        String click = uniqueId("CLK");
        for (ConversionStatus status : List.of(ConversionStatus.PENDING, ConversionStatus.APPROVED,
                ConversionStatus.REJECTED, ConversionStatus.APPROVED)) {
            conversions.add(SeedWorkedExamplesTest.partnerEvent(partner, publisher, status, "5.00", click, null,
                    "user"));
        }
        String guarded = driver.offer(uniqueId("guarded"), deal(1, longAgo, "USD")
            .setGuessedLinks(GuessedLinkPolicy.HOLD)
            .build());
        AttributedConversion guessed = SeedWorkedExamplesTest.partnerEvent(guarded, publisher,
                ConversionStatus.APPROVED, "7.00", uniqueId("CLK"), uniqueId("TXN"), "user");
        guessed.setMethod(AttributionMethod.FALLBACK);
        guessed.setGuessed(true);
        conversions.add(guessed);
        conversions.forEach(driver::publish);
        conversions.forEach(driver::entriesOf);
        return conversions.stream().map(AttributedConversion::getEventId).collect(Collectors.toSet());
    }

    private long mainEntriesOf(Set<String> inputs, String schema) {
        return jdbc.sql("select count(*) from %s.ledger_entries where reverses is null and input_event_id in (:ids)"
            .formatted(schema)).param("ids", inputs).query(Long.class).single();
    }

    private List<Map<String, Object>> ledgerOf(Set<String> inputs, String schema) {
        return jdbc.sql(ENTRY.formatted(schema)).param("ids", inputs).query().listOfRows();
    }

    private static Set<String> eventIdsOnTheInputTopic() {
        return readWholeInputTopic().stream()
            .map(record -> {
                Object value = new AvroSingleObjectDeserializer().deserialize(record.topic(), record.value());
                return ((AttributedConversion) value).getEventId();
            })
            .collect(Collectors.toSet());
    }

    private static void republishTheWholeInputTopic() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> record : readWholeInputTopic()) {
                producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value()));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readWholeInputTopic() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", "replay-reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "enable.auto.commit", "false"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ATTRIBUTED_CONVERSIONS.name())
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
            return records;
        }
    }

    private static long deadLetters() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ATTRIBUTED_CONVERSIONS.deadLetterTopic())
                .stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Until the service's consumer group has committed everything on the input topic. */
    private static void awaitNoLag() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()))) {
            await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("commission-service")
                    .partitionsToOffsetAndMetadata()
                    .get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int partition = 0; partition < Topics.ATTRIBUTED_CONVERSIONS.partitions(); partition++) {
                    latest.put(new TopicPartition(Topics.ATTRIBUTED_CONVERSIONS.name(), partition),
                            OffsetSpec.latest());
                }
                return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    long position = offset == null ? 0 : offset.offset();
                    return position >= end.getValue().offset();
                });
            });
        }
    }
}
