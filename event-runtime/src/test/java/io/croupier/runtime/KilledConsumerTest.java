package io.croupier.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Static group membership: an instance killed with SIGKILL never leaves its consumer group, and its session here is
 * two minutes long. Restarted under the same instance name, it consumes again well within that minute-long wait,
 * because the group hands the new process the dead one's place at once; a dynamic member would wait the session out.
 */
class KilledConsumerTest {

    private static final Duration SESSION = Duration.ofMinutes(2);

    private final String group = "killed-consumer-" + UUID.randomUUID();

    private final String instance = "killed-consumer-instance";

    private Process killed;

    private ConfigurableApplicationContext restarted;

    private Admin admin;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()));
    }

    @AfterEach
    void stop() {
        if (killed != null) {
            killed.destroyForcibly();
        }
        if (restarted != null) {
            restarted.close();
        }
        admin.close();
    }

    @Test
    void anInstanceKilledWithoutLeavingItsGroupConsumesAgainAtOnceWhenRestartedUnderItsName() throws Exception {
        killed = launch();
        await().atMost(Duration.ofMinutes(2)).until(() -> member().map(member -> member.assignment()
            .topicPartitions().size()).orElse(0) == Topics.CLICKS.partitions());
        send(TestClicks.forOffer("offer-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> committed() > 0);
        killed.destroyForcibly().waitFor();
        long atKill = committed();

        restarted = new SpringApplicationBuilder(EventRuntimeTestApplication.class)
            .initializers(new EmbeddedInfrastructureInitializer())
            .run(settings().stream().map(setting -> "--" + setting).toArray(String[]::new));
        for (int i = 0; i < Topics.CLICKS.partitions() * 4; i++) {
            send(TestClicks.forOffer("offer-1"));
        }

        await().atMost(SESSION.dividedBy(2)).until(() -> committed() > atKill);
        assertThat(member()).hasValueSatisfying(member -> {
            assertThat(member.groupInstanceId()).contains(instance + "." + Topics.CLICKS.name() + "-0");
            assertThat(member.assignment().topicPartitions()).hasSize(Topics.CLICKS.partitions());
        });
    }

    private Process launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ConsumerProcess.class.getName(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafka().bootstrapServers(),
                "--spring.datasource.url=" + TestInfrastructure.postgres().jdbcUrl(),
                "--spring.datasource.username=" + TestInfrastructure.postgres().username(),
                "--spring.datasource.password=" + TestInfrastructure.postgres().password(),
                "--croupier.access.issuer=" + TestInfrastructure.issuer().url(),
                "--croupier.access.jwk-set-uri=" + TestInfrastructure.issuer().jwkSetUri()));
        settings().forEach(setting -> command.add("--" + setting));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(File.createTempFile("killed-consumer", ".log"))
            .start();
    }

    private List<String> settings() {
        return List.of("server.port=0", "spring.kafka.consumer.group-id=" + group,
                "croupier.events.consumers.instance-id=" + instance,
                "spring.kafka.consumer.properties.session.timeout.ms=" + SESSION.toMillis());
    }

    /** The group's member reading the clicks. */
    private Optional<MemberDescription> member() throws Exception {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
        return description.members().stream()
            .filter(member -> member.assignment().topicPartitions().stream()
                .anyMatch(partition -> partition.topic().equals(Topics.CLICKS.name())))
            .findFirst();
    }

    private long committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin
            .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static void send(Click click) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(),
                new AvroSingleObjectSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLICKS.name(), click.getClickId(), click)).get();
        }
    }
}
