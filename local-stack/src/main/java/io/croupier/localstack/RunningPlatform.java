package io.croupier.localstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.croupier.embedded.FreePorts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The seven services running in this JVM, each its own Spring application with its own web server, schema and
 * consumer groups, exactly as they would run as separate processes. identity-service issues the tokens every service
 * trusts; its URL is the issuer.
 */
final class RunningPlatform implements AutoCloseable {

    private final Map<PlatformService, ConfigurableApplicationContext> contexts;

    private RunningPlatform(Map<PlatformService, ConfigurableApplicationContext> contexts) {
        this.contexts = contexts;
    }

    /**
     * Starts every service. {@code portOf} gives each one its HTTP port (0 for any free port; identity-service then
     * gets a free port chosen up front, since its URL is the issuer every service must know before it starts);
     * {@code settingsOf} are passed as command-line arguments, so they override each service's own defaults.
     */
    static RunningPlatform start(Infrastructure infrastructure, PortChoice portOf, SettingsChoice settingsOf) {
        int identityPort = portOf.port(PlatformService.IDENTITY) == 0 ? FreePorts.next()
                : portOf.port(PlatformService.IDENTITY);
        String issuer = "http://127.0.0.1:" + identityPort;
        Map<PlatformService, ConfigurableApplicationContext> started = new EnumMap<>(PlatformService.class);
        try {
            for (PlatformService service : PlatformService.values()) {
                List<String> arguments = new ArrayList<>();
                arguments.add("--server.port=" + (service == PlatformService.IDENTITY ? identityPort
                        : portOf.port(service)));
                arguments.add("--croupier.access.issuer=" + issuer);
                arguments.add("--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers());
                arguments.add("--spring.datasource.url=" + infrastructure.jdbcUrl());
                arguments.add("--spring.datasource.username=" + infrastructure.username());
                arguments.add("--spring.datasource.password=" + infrastructure.password());
                settingsOf.settings(service, issuer).forEach((key, value) -> arguments.add("--" + key + "=" + value));
                // The platform closes the services itself, in order, before the broker and the database stop.
                started.put(service, new SpringApplicationBuilder(service.application())
                    .registerShutdownHook(false)
                    .run(arguments.toArray(String[]::new)));
            }
        }
        catch (RuntimeException e) {
            new RunningPlatform(started).close();
            throw e;
        }
        return new RunningPlatform(started);
    }

    int port(PlatformService service) {
        return Integer.parseInt(contexts.get(service).getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** A bean of a running service, for tests that hold one of its consumers back. */
    <T> T bean(PlatformService service, Class<T> type) {
        return contexts.get(service).getBean(type);
    }

    String url(PlatformService service) {
        return "http://127.0.0.1:" + port(service);
    }

    ConfigurableApplicationContext context(PlatformService service) {
        return contexts.get(service);
    }

    /** Stops the services in the reverse order of their start, so producers stop before what consumes them. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> running = new ArrayList<>(contexts.values());
        Collections.reverse(running);
        running.forEach(ConfigurableApplicationContext::close);
    }

    @FunctionalInterface
    interface PortChoice {
        int port(PlatformService service);
    }

    /** What differs for one service on this machine; {@code issuer} is identity-service's URL. */
    @FunctionalInterface
    interface SettingsChoice {
        Map<String, String> settings(PlatformService service, String issuer);
    }
}
