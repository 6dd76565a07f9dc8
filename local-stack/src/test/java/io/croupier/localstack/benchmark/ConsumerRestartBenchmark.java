package io.croupier.localstack.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.croupier.embedded.BrokerProcess;
import io.croupier.embedded.FreePorts;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * How soon a consumer service reads again after {@code kill -9}. The broker runs in a process of its own, each
 * service from its executable jar in another, against an embedded PostgreSQL in this one. A record arrives every
 * 200 ms on {@code croupier.publishers}, which both attribution- and commission-service consume in their group (a
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
 * consumer's default session timeout (45 s) and a shorter one; the failover of attribution-service only, as the
 * consumer-group code is the runtime's. Run: see the README, "A killed consumer".
 */
@Tag("benchmark")
class ConsumerRestartBenchmark {

    private static final int TRIALS = Integer.getInteger("trials", 2);

    private static final int FAILOVER_TRIALS = Integer.getInteger("failover.trials", 1);

    /** Two services starting at once on a busy two-core machine took more than two minutes. */
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    /** Kafka's default session timeout, which the platform lowered to 10 s after this benchmark. */
    private static final Variant DYNAMIC_45 = new Variant("dynamic, session 45 s", false, Duration.ofSeconds(45));

    private static final Variant STATIC_45 = new Variant("static, session 45 s", true, Duration.ofSeconds(45));

    private static final Variant DYNAMIC_10 = new Variant("dynamic, session 10 s", false, Duration.ofSeconds(10));

    private static final Variant STATIC_10 = new Variant("static, session 10 s", true, Duration.ofSeconds(10));

    private static final List<Variant> RESTART_VARIANTS = List.of(DYNAMIC_45, STATIC_45, DYNAMIC_10, STATIC_10);

    /** A shorter session alone is a failover of its own length; static membership adds nothing without a restart. */
    private static final List<Variant> FAILOVER_VARIANTS = List.of(DYNAMIC_45, STATIC_45, STATIC_10);

    private final Path work = Files.createTempDirectory("croupier-restart-benchmark");

    /** Killed at the end whatever happens, so that no service outlives the benchmark. */
    private final List<ServiceProcess> launched = new ArrayList<>();

    ConsumerRestartBenchmark() throws IOException {
    }

    @Test
    void aKilledInstanceRestartedAtOnceResumes() throws Exception {
        List<String> report = new ArrayList<>();
        measure(broker -> {
            for (String service : List.of("attribution-service", "commission-service")) {
                try (CommittedOffsets consumed = broker.consumed(service)) {
                    for (Variant variant : RESTART_VARIANTS) {
                        report.add(restarts(service, variant, broker, consumed));
                    }
                }
            }
        });
        System.out.println("""

                | service | membership | to first record consumed | of which Spring Boot start-up \
                | first record after start-up |
                |---|---|---|---|---|
                """ + String.join("\n", report));
    }

    /** The consumer-group code is event-runtime's, the same in every service: one service shows the failover. */
    @Test
    void aKilledInstancesPartitionGoesToTheOtherInstance() throws Exception {
        List<String> report = new ArrayList<>();
        measure(broker -> {
            try (CommittedOffsets consumed = broker.consumed("attribution-service")) {
                for (Variant variant : FAILOVER_VARIANTS) {
                    List<Duration> takeover = new ArrayList<>();
                    for (int trial = 0; trial < FAILOVER_TRIALS; trial++) {
                        takeover.add(failover("attribution-service", variant, broker, consumed));
                        System.out.printf("failover %s: %s%n", variant.name(), takeover);
                    }
                    report.add("| attribution-service | %s | %s |".formatted(variant.name(), spread(takeover)));
                }
            }
        });
        System.out.println("""

                | service | membership | from the kill to the other instance's first record |
                |---|---|---|
                """ + String.join("\n", report));
    }

    private void measure(Measurement measurement) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(FreePorts.next(), work.resolve("kafka"));
                InProcessPostgres postgres = InProcessPostgres.start(FreePorts.next(), work.resolve("postgres"), false);
                Feeder feeder = new Feeder(broker.bootstrapServers())) {
            measurement.run(new Infrastructure(broker, postgres));
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
    private String restarts(String service, Variant variant, Infrastructure infrastructure,
            CommittedOffsets consumed) throws Exception {
        List<String> settings = variant.settings(service, infrastructure, "a");
        List<Duration> firstRecord = new ArrayList<>();
        List<Duration> startup = new ArrayList<>();
        List<Duration> afterStarted = new ArrayList<>();
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
            afterStarted.add(Duration.between(restarted.startedAt(), resumed));
            System.out.printf("%s restart %s: first record %s, started %s%n", service, variant.name(), firstRecord,
                    startup);
            running = restarted;
        }
        running.stop();
        return "| %s | %s | %s | %s | %s |".formatted(service, variant.name(), spread(firstRecord), spread(startup),
                spread(afterStarted));
    }

    private ServiceProcess launch(String service, List<String> settings) throws IOException {
        ServiceProcess process = ServiceProcess.launch(service, work.resolve("logs"), settings);
        launched.add(process);
        return process;
    }

    /**
     * Two instances; once the group has settled with both, the one owning the topic's only partition is killed and not
     * restarted: the time until the other consumes it.
     */
    private Duration failover(String service, Variant variant, Infrastructure infrastructure,
            CommittedOffsets consumed) throws Exception {
        ServiceProcess a = launch(service, variant.settings(service, infrastructure, "a"));
        ServiceProcess b = launch(service, variant.settings(service, infrastructure, "b"));
        await().atMost(PATIENCE).until(() -> a.startedAt() != null && b.startedAt() != null);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
            .until(() -> infrastructure.settledWithBoth(service));
        awaitProgress(consumed, consumed.now());
        ServiceProcess killed = infrastructure.owner(service).startsWith("bench-a") ? a : b;
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

    private static Instant awaitProgress(CommittedOffsets consumed, long from) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> consumed.now() > from);
        return Instant.now();
    }

    /** Every run's figure, lowest first: too few runs for a median to mean much. */
    private static String spread(List<Duration> durations) {
        return durations.stream()
            .sorted()
            .map(duration -> "%.1f".formatted(duration.toMillis() / 1000.0))
            .collect(Collectors.joining(", ")) + " s";
    }

    @FunctionalInterface
    private interface Measurement {

        void run(Infrastructure infrastructure) throws Exception;
    }

    /** The broker and the database every service process of one measurement uses. */
    private record Infrastructure(BrokerProcess broker, InProcessPostgres postgres) {

        CommittedOffsets consumed(String group) {
            return new CommittedOffsets(broker.bootstrapServers(), group, Topics.PUBLISHERS.name());
        }

        /** Both instances are members and the group is stable: the partition will not move before the kill. */
        boolean settledWithBoth(String group) throws Exception {
            ConsumerGroupDescription description = describe(group);
            Set<String> instances = description.members().stream()
                .map(member -> member.clientId().substring(0, "bench-a".length()))
                .collect(Collectors.toSet());
            return description.groupState() == GroupState.STABLE && instances.equals(Set.of("bench-a", "bench-b"))
                    && owner(group) != null;
        }

        /** The client id of the member that owns the publishers topic's partition; null when none does now. */
        String owner(String group) throws Exception {
            return describe(group).members().stream()
                .filter(member -> member.assignment().topicPartitions().stream()
                    .anyMatch(partition -> partition.topic().equals(Topics.PUBLISHERS.name())))
                .map(MemberDescription::clientId)
                .findFirst()
                .orElse(null);
        }

        private ConsumerGroupDescription describe(String group) throws Exception {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            }
        }
    }

    /**
     * @param sessionTimeout the consumer's {@code session.timeout.ms}
     */
    private record Variant(String name, boolean staticMembership, Duration sessionTimeout) {

        List<String> settings(String service, Infrastructure infrastructure, String instance) {
            List<String> settings = new ArrayList<>(List.of("server.port=0",
                    "spring.kafka.bootstrap-servers=" + infrastructure.broker().bootstrapServers(),
                    "spring.datasource.url=" + infrastructure.postgres().jdbcUrl(),
                    "spring.datasource.username=" + infrastructure.postgres().username(),
                    "spring.datasource.password=" + infrastructure.postgres().password(),
                    "spring.kafka.consumer.client-id=bench-" + instance));
            if (staticMembership) {
                settings.add("croupier.events.consumers.instance-id=bench-" + service + "-" + instance);
            }
            settings.add("spring.kafka.consumer.properties.session.timeout.ms=" + sessionTimeout.toMillis());
            return settings;
        }
    }

    /**
     * A tombstone for an unknown publisher every {@link #FEED_INTERVAL}, from the first service start to the end: often
     * enough to see the first record consumed within a fraction of a second, rarely enough that the backlog a
     * restarted instance first works through stays small.
     */
    private static final class Feeder implements AutoCloseable {

        private static final Duration FEED_INTERVAL = Duration.ofMillis(200);

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
                    "benchmark-" + UUID.randomUUID(), null)), 0, FEED_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            schedule.shutdown();
            schedule.awaitTermination(5, TimeUnit.SECONDS);
            producer.close();
        }
    }
}
