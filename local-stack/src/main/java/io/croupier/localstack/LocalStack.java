package io.croupier.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.InProcessPostgres;

/**
 * Runs the whole platform on this machine: a real Kafka broker and a real PostgreSQL, both keeping their data under
 * {@code .croupier/}, the seven services on their documented ports, the seed-compatible front door on 8080, 5000 and
 * 8000, a demo publisher, and the demo catalogue. Ctrl-C stops everything cleanly.
 */
public final class LocalStack {

    public static void main(String[] args) throws InterruptedException {
        StackOptions options = StackOptions.parse(args);
        Instant started = Instant.now();
        InProcessPostgres postgres = InProcessPostgres.start(StackOptions.POSTGRES_PORT,
                options.dataDirectory().resolve("postgres"), true);
        InProcessKafka kafka = InProcessKafka.start(StackOptions.KAFKA_PORT, options.dataDirectory().resolve("kafka"));
        DemoPublisher demoPublisher = DemoPublisher.start(StackOptions.DEMO_PUBLISHER_PORT);
        RunningPlatform platform = RunningPlatform.start(
                new Infrastructure(kafka.bootstrapServers(), postgres.jdbcUrl(), postgres.username(),
                        postgres.password()),
                PlatformService::documentedPort, localSettings());
        EdgeRouter edge = EdgeRouter.start(platform, Arrays.stream(StackOptions.EDGE_PORTS).boxed().toList());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            edge.close();
            platform.close();
            demoPublisher.close();
            kafka.close();
            postgres.close();
            stopped.countDown();
        }, "local-stack-stop"));

        new DemoData().load(platform.url(PlatformService.CLICK), platform.url(PlatformService.FORWARDER),
                demoPublisher.postbackUrl());
        System.out.println(StackBanner.render(platform, kafka, postgres, demoPublisher,
                Duration.between(started, Instant.now())));

        if (options.simulatedVisitors() > 0) {
            String edgeUrl = "http://127.0.0.1:" + StackOptions.EDGE_PORTS[0];
            Simulation simulation = new Simulation(edgeUrl,
                    new AdminApi().list(platform.url(PlatformService.CLICK) + "/admin/offers"));
            AnalyticsDemo analytics = new AnalyticsDemo("http://127.0.0.1:" + StackOptions.SEED_002_PORT);
            long depositsBefore = analytics.croupierDepositsToday();
            try (LedgerTap ledger = new LedgerTap(kafka.bootstrapServers(), Instant.now())) {
                System.out.println(simulation.run(options.simulatedVisitors(), demoPublisher, ledger).render());
            }
            System.out.println(analytics.run(simulation.players(), depositsBefore).render());
            if (options.exitAfterSimulation()) {
                System.exit(0);
            }
        }
        stopped.await();
    }

    /** What differs from production on one machine: the demo publisher lives on loopback, behind no proxy. */
    static Map<String, String> localSettings() {
        return Map.of(
                "croupier.forwarder.ssrf.allowed", "127.0.0.1/32",
                "croupier.click.redirect.trusted-proxies", "127.0.0.1/32");
    }

    private LocalStack() {
    }
}
