package io.croupier.localstack.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.croupier.embedded.BrokerProcess;
import io.croupier.embedded.FreePorts;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * How soon a consumer service reads again after {@code kill -9}. The broker runs in a process of its own, each
 * service from its executable jar in another, against an embedded PostgreSQL in this one. A record arrives every
 * 50 ms on {@code croupier.publishers}, which both attribution- and commission-service consume in their group (a
 * tombstone of an unknown publisher: cheap to apply whatever the schema). "Consumed" is the group's committed offset
 * on that topic moving past where it stood when the instance was killed.
 *
 * <ul>
 * <li>restart: one instance killed and started again at once; time from the new process's launch to its first record
 * consumed, beside the time Spring Boot took to report the application started (its consumers start just before).</li>
 * <li>failover: two instances, the one owning the topic's partition killed and not restarted; time until the other
 * consumes it.</li>
 * </ul>
 * Each for dynamic membership and static membership ({@code croupier.events.consumers.instance-id}), with the
 * consumer's default session timeout (45 s) and a shorter one. Run: see the README, "A killed consumer".
 */
@Tag("benchmark")
class ConsumerRestartBenchmark {

    private static final int TRIALS = Integer.getInteger("trials", 3);

    /** Each failover trial starts two instances, so fewer of them by default. */
    private static final int FAILOVER_TRIALS = Integer.getInteger("failover.trials", 2);

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final List<Variant> VARIANTS = List.of(
            new Variant("dynamic, session 45 s", false, null),
            new Variant("static, session 45 s", true, null),
            new Variant("dynamic, session 10 s", false, Duration.ofSeconds(10)),
            new Variant("static, session 10 s", true, Duration.ofSeconds(10)));

    private final Path work = Files.createTempDirectory("croupier-restart-benchmark");

    /** Killed at the end whatever happens, so that no service outlives the benchmark. */
    private final List<ServiceProcess> launched = new ArrayList<>();

    ConsumerRestartBenchmark() throws IOException {
    }

    @Test
    void aKilledInstanceResumes() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(FreePorts.next(), work.resolve("kafka"));
                InProcessPostgres postgres = InProcessPostgres.start(FreePorts.next(), work.resolve("postgres"), false);
                Feeder feeder = new Feeder(broker.bootstrapServers())) {
            List<String> report = new ArrayList<>();
            for (String service : List.of("attribution-service", "commission-service")) {
                try (CommittedOffsets consumed = new CommittedOffsets(broker.bootstrapServers(), service,
                        Topics.PUBLISHERS.name())) {
                    for (Variant variant : VARIANTS) {
                        report.add(restarts(service, variant, broker, postgres, consumed));
                    }
                    for (Variant variant : VARIANTS) {
                        List<Duration> takeover = new ArrayList<>();
                        for (int trial = 0; trial < FAILOVER_TRIALS; trial++) {
                            takeover.add(failover(service, variant, broker, postgres, consumed));
                            System.out.printf("%s failover %s: %s%n", service, variant.name(), takeover);
                        }
                        report.add(row(service, "failover", variant, takeover, null));
                    }
                }
            }
            System.out.println("""

                    | service | scenario | membership | to first record consumed (min / median / max) \
                    | Spring Boot start-up in the same runs |
                    |---|---|---|---|---|
                    """ + String.join("\n", report));
        }
        finally {
            for (ServiceProcess process : launched) {
                process.kill();
            }
        }
    }

    /**
     * One instance, killed and started again at once, {@link #TRIALS} times: the time from each new process's launch
     * to its first record consumed, beside the time Spring Boot took to report the application started (consumers
     * start just before that line).
     */
    private String restarts(String service, Variant variant, BrokerProcess broker, InProcessPostgres postgres,
            CommittedOffsets consumed) throws Exception {
        List<String> settings = variant.settings(service, broker, postgres, "a");
        List<Duration> firstRecord = new ArrayList<>();
        List<Duration> startup = new ArrayList<>();
        ServiceProcess running = launch(service, settings);
        awaitProgress(consumed, consumed.now());
        for (int trial = 0; trial < TRIALS; trial++) {
            running.kill();
            long atKill = consumed.now();
            ServiceProcess restarted = launch(service, settings);
            Instant resumed = awaitProgress(consumed, atKill);
            await().atMost(PATIENCE).until(() -> restarted.startedAt() != null);
            firstRecord.add(Duration.between(restarted.launchedAt(), resumed));
            startup.add(Duration.between(restarted.launchedAt(), restarted.startedAt()));
            System.out.printf("%s restart %s: first record %s, started %s%n", service, variant.name(), firstRecord,
                    startup);
            running = restarted;
        }
        running.stop();
        return row(service, "restart", variant, firstRecord, startup);
    }

    private ServiceProcess launch(String service, List<String> settings) throws IOException {
        ServiceProcess process = ServiceProcess.launch(service, work.resolve("logs"), settings);
        launched.add(process);
        return process;
    }

    private static String row(String service, String scenario, Variant variant, List<Duration> measured,
            List<Duration> startup) {
        return "| %s | %s | %s | %s | %s |".formatted(service, scenario, variant.name(), spread(measured),
                startup == null ? "" : spread(startup));
    }

    /** Two instances; the one owning the topic's only partition is killed, the other must take it over. */
    private Duration failover(String service, Variant variant, BrokerProcess broker, InProcessPostgres postgres,
            CommittedOffsets consumed) throws Exception {
        ServiceProcess a = launch(service, variant.settings(service, broker, postgres, "a"));
        ServiceProcess b = launch(service, variant.settings(service, broker, postgres, "b"));
        await().atMost(PATIENCE).until(() -> a.startedAt() != null && b.startedAt() != null);
        String owner = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
            .until(() -> owner(broker, service), name -> name != null);
        awaitProgress(consumed, consumed.now());
        ServiceProcess killed = owner.startsWith("bench-a") ? a : b;
        ServiceProcess survivor = killed == a ? b : a;
        killed.kill();
        Instant killedAt = Instant.now();
        long atKill = consumed.now();
        try {
            return Duration.between(killedAt, awaitProgress(consumed, atKill));
        }
        finally {
            survivor.stop();
        }
    }

    /** The client id of the member that owns the publishers topic's partition, if any does now. */
    private static String owner(BrokerProcess broker, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get().get(group)
                .members()) {
                if (member.assignment().topicPartitions().stream()
                    .anyMatch(partition -> partition.topic().equals(Topics.PUBLISHERS.name()))) {
                    return member.clientId();
                }
            }
            return null;
        }
    }

    private static Instant awaitProgress(CommittedOffsets consumed, long from) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> consumed.now() > from);
        return Instant.now();
    }

    private static String spread(List<Duration> durations) {
        List<Double> seconds = durations.stream().map(duration -> duration.toMillis() / 1000.0).sorted().toList();
        return "%.1f / %.1f / %.1f s".formatted(seconds.get(0), seconds.get(seconds.size() / 2),
                seconds.get(seconds.size() - 1));
    }

    /**
     * @param sessionTimeout the consumer's {@code session.timeout.ms}; null for the client's default (45 s)
     */
    private record Variant(String name, boolean staticMembership, Duration sessionTimeout) {

        List<String> settings(String service, BrokerProcess broker, InProcessPostgres postgres, String instance) {
            List<String> settings = new ArrayList<>(List.of("server.port=0",
                    "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "spring.datasource.url=" + postgres.jdbcUrl(),
                    "spring.datasource.username=" + postgres.username(),
                    "spring.datasource.password=" + postgres.password(),
                    "spring.kafka.consumer.client-id=bench-" + instance));
            if (staticMembership) {
                settings.add("croupier.events.consumers.instance-id=bench-" + service + "-" + instance);
            }
            if (sessionTimeout != null) {
                settings.add("spring.kafka.consumer.properties.session.timeout.ms=" + sessionTimeout.toMillis());
            }
            return settings;
        }
    }

    /** A tombstone for an unknown publisher every 50 ms, from the first service start to the end. */
    private static final class Feeder implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;

        private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();

        Feeder(String bootstrapServers) throws Exception {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
                admin.createTopics(List.of(new NewTopic(Topics.PUBLISHERS.name(), Topics.PUBLISHERS.partitions(),
                        (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
            }
            this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers),
                    new StringSerializer(), new ByteArraySerializer());
            schedule.scheduleAtFixedRate(() -> producer.send(new ProducerRecord<>(Topics.PUBLISHERS.name(),
                    "benchmark-" + UUID.randomUUID(), null)), 0, 50, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            schedule.shutdown();
            schedule.awaitTermination(5, TimeUnit.SECONDS);
            producer.close();
        }
    }
}
