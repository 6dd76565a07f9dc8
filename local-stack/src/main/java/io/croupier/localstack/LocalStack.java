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
 * {@code .croupier/}, the six services on their documented ports, the seed-compatible front door on 8080 and 5000, a
 * demo publisher, and the demo catalogue, all on loopback unless {@code --front-door-address} opens the front door.
 * Ctrl-C stops everything cleanly.
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
                PlatformService::documentedPort, localSettings(demoPublisher));
        FrontDoor frontDoor = FrontDoor.start(platform, options.frontDoorAddress(),
                Arrays.stream(StackOptions.FRONT_DOOR_PORTS).boxed().toList());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            frontDoor.close();
            platform.close();
            demoPublisher.close();
            kafka.close();
            postgres.close();
            stopped.countDown();
        }, "local-stack-stop"));

        new DemoData().load(platform.url(PlatformService.CLICK), platform.url(PlatformService.FORWARDER),
                demoPublisher.postbackUrl());
        System.out.println(StackBanner.render(platform, options.frontDoorAddress(), kafka, postgres, demoPublisher,
                Duration.between(started, Instant.now())));

        if (options.simulatedVisitors() > 0) {
            Simulation simulation = new Simulation(frontDoor.url(),
                    new AdminApi().list(platform.url(PlatformService.CLICK) + "/admin/offers"));
            try (LedgerTap ledger = new LedgerTap(kafka.bootstrapServers(), Instant.now())) {
                System.out.println(simulation.run(options.simulatedVisitors(), demoPublisher, ledger).render());
            }
            if (options.exitAfterSimulation()) {
                System.exit(0);
            }
        }
        stopped.await();
    }

    /**
     * What differs from production on one machine. The services listen on loopback only: the front door is the way in.
     * The forwarder may reach the demo publisher, on loopback, and nothing else there (not the services' own admin
     * ports). Clicks arrive through the front door, whose address click-service trusts to name the visitor's.
     */
    static Map<String, String> localSettings(DemoPublisher demoPublisher) {
        return Map.of(
                "server.address", StackOptions.LOOPBACK,
                "croupier.forwarder.ssrf.allowed", StackOptions.LOOPBACK + ":" + demoPublisher.port(),
                "croupier.click.redirect.trusted-proxies", StackOptions.LOOPBACK + "/32");
    }

    private LocalStack() {
    }
}
