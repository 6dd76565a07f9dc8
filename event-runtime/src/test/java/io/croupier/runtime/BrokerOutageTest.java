package io.croupier.runtime;

import java.util.stream.IntStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.croupier.embedded.FreePorts;
import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Click;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery rule 6 with a broker that really goes away: while it is down, a transaction that writes events still
 * commits (the caller can answer 2xx), nothing is lost, and everything reaches the topic once the broker is back.
 * The outbox meters show the backlog and its age meanwhile. This context has a broker of its own, on a fixed port and
 * data directory, so it can be stopped and started again.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
class BrokerOutageTest {

    private static final int PORT = FreePorts.next();

    private static final Path DATA = temporaryDirectory();

    private static InProcessKafka broker = InProcessKafka.start(PORT, DATA);

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void ownBrokerSharedDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgres().jdbcUrl());
        registry.add("spring.datasource.username", () -> TestInfrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> TestInfrastructure.postgres().password());
        registry.add("spring.flyway.default-schema", () -> "broker_outage_test");
        registry.add("spring.flyway.schemas", () -> "broker_outage_test");
        registry.add("croupier.events.outbox.send-timeout", () -> "2s");
        registry.add("croupier.access.issuer", () -> TestInfrastructure.issuer().url());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void eventsCommittedWhileTheBrokerIsDownArriveOnceItIsBack() {
        broker.close();
        List<Click> written = IntStream.range(0, 5).mapToObj(i -> TestClicks.forOffer("offer-1")).toList();

        written.forEach(click -> transactions
            .executeWithoutResult(status -> outbox.append(Topics.CLICKS, click.getClickId(), click)));

        assertThat(jdbc.sql("select count(*) from outbox_events").query(Long.class).single()).isEqualTo(5);
        assertThat(meters.get("croupier.outbox.backlog").gauge().value()).as("the operator sees the backlog")
            .isEqualTo(5);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> meters.get("croupier.outbox.age").gauge().value() > 0.5);
        broker = InProcessKafka.start(PORT, DATA);
        Set<String> arrived = new HashSet<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "group.id", UUID.randomUUID().toString(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new AvroSingleObjectDeserializer())) {
            consumer.subscribe(List.of(Topics.CLICKS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    arrived.add(record.key());
                }
                return arrived.size() >= written.size();
            });
        }
        assertThat(arrived).containsExactlyInAnyOrderElementsOf(written.stream().map(Click::getClickId).toList());
        await().atMost(Duration.ofSeconds(10))
            .until(() -> jdbc.sql("select count(*) from outbox_events").query(Long.class).single() == 0);
        assertThat(meters.get("croupier.outbox.backlog").gauge().value()).isZero();
        assertThat(meters.get("croupier.outbox.age").gauge().value()).isZero();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("croupier-outage-kafka");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
