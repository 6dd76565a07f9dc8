package io.croupier.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.InProcessPostgres;

/**
 * Runs the whole platform on this machine: a real Kafka broker and a real PostgreSQL, both keeping their data under
 * {@code .croupier/}, the eight services on their documented ports, the seed-compatible front door on 8080, 5000 and
 * 8000, a demo publisher, the demo catalogue and the demo accounts, all on loopback unless
 * {@code --front-door-address} opens the front door. Ctrl-C stops everything cleanly.
 */
public final class LocalStack {

    public static void main(String[] args) throws InterruptedException {
        try {
            run(StackOptions.parse(args));
        }
        catch (RuntimeException e) {
            // The broker's and the database's threads would keep a stack that failed to start alive, silently.
            e.printStackTrace();
            System.err.println("Croupier did not start: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(StackOptions options) throws InterruptedException {
        Instant started = Instant.now();
        // Stopped in the reverse order of their start, whatever started before a failure: an embedded PostgreSQL
        // left running would hold the port, and the next stack would silently use its database.
        Deque<AutoCloseable> running = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(LocalStack::close);
            stopped.countDown();
        }, "local-stack-stop"));
        InProcessPostgres postgres = started(running, InProcessPostgres.start(StackOptions.POSTGRES_PORT,
                options.dataDirectory().resolve("postgres"), true));
        InProcessKafka kafka = started(running, InProcessKafka.start(StackOptions.KAFKA_PORT,
                options.dataDirectory().resolve("kafka")));
        DemoPublisher demoPublisher = started(running, DemoPublisher.start(StackOptions.DEMO_PUBLISHER_PORT));
        RunningPlatform platform = started(running, RunningPlatform.start(
                new Infrastructure(kafka.bootstrapServers(), postgres.jdbcUrl(), postgres.username(),
                        postgres.password()),
                PlatformService::documentedPort, localSettings(StackKeys.of(options.dataDirectory()), demoPublisher)));
        OperatorConsole console = started(running, OperatorConsole.start(OperatorConsole.PORT, platform));
        FrontDoor frontDoor = started(running, FrontDoor.start(platform, console, options.frontDoorAddress(),
                Arrays.stream(StackOptions.FRONT_DOOR_PORTS).boxed().toList()));

        AdminApi admin = AdminApi.logIn(platform.url(PlatformService.IDENTITY), DemoAccounts.ADMIN.username(),
                DemoAccounts.ADMIN.password());
        new DemoData(admin).load(platform.url(PlatformService.CLICK), platform.url(PlatformService.POSTBACK),
                platform.url(PlatformService.FORWARDER), platform.url(PlatformService.IDENTITY),
                demoPublisher.postbackUrl());
        System.out.println(StackBanner.render(platform, options.frontDoorAddress(), kafka, postgres, demoPublisher,
                Duration.between(started, Instant.now())));

        if (options.simulatedVisitors() > 0) {
            Simulation simulation = new Simulation(frontDoor.url(), CasinoCredentials.handedOut(admin,
                    platform.url(PlatformService.CLICK), platform.url(PlatformService.POSTBACK),
                    admin.list(platform.url(PlatformService.CLICK) + "/admin/offers")));
            AnalyticsDemo analytics = new AnalyticsDemo("http://127.0.0.1:" + StackOptions.SEED_002_PORT, admin);
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

    private static <T extends AutoCloseable> T started(Deque<AutoCloseable> running, T part) {
        running.push(part);
        return part;
    }

    private static void close(AutoCloseable part) {
        try {
            part.close();
        }
        catch (Exception e) {
            System.err.println("Could not stop " + part + ": " + e.getMessage());
        }
    }

    /**
     * What differs from production on one machine. The services listen on loopback only: the front door is the way
     * in, on loopback too (so its {@code X-Forwarded-For} names the caller, for allow-lists and click-service alike).
     * The forwarder may reach the demo publisher, on loopback, and nothing else there (not the services' own admin
     * ports). Seed 000's platform-less troubleshooting example is accepted, the keys come from the data directory,
     * and identity-service is its own issuer at a loopback URL, with the demo administrator (demo data, like the
     * accounts' passwords).
     */
    static RunningPlatform.SettingsChoice localSettings(StackKeys keys, DemoPublisher demoPublisher) {
        return (service, issuer) -> {
            Map<String, String> settings = new LinkedHashMap<>(keys.settings());
            settings.put("server.address", StackOptions.LOOPBACK);
            settings.put("server.forward-headers-strategy", "native");
            settings.put("server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.1");
            switch (service) {
                case IDENTITY -> {
                    settings.put("croupier.identity.issuer", issuer);
                    settings.put("croupier.identity.signing-keys.encryption-key", keys.signingKeysKey());
                    settings.put("croupier.identity.bootstrap-admin.username", DemoAccounts.ADMIN.username());
                    settings.put("croupier.identity.bootstrap-admin.password", DemoAccounts.ADMIN.password());
                }
                case FORWARDER -> settings.put("croupier.forwarder.ssrf.allowed",
                        StackOptions.LOOPBACK + ":" + demoPublisher.port());
                case CLICK -> settings.put("croupier.click.redirect.trusted-proxies", StackOptions.LOOPBACK + "/32");
                case POSTBACK -> settings.put("croupier.postback.gaming.accept-unknown-platforms", "true");
                default -> {
                }
            }
            return settings;
        };
    }

    private LocalStack() {
    }
}
