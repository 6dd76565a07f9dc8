package io.croupier.frontdoor;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import io.croupier.embedded.FreePorts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many readers a second {@code /docs/platform.json} serves with the merged definition kept ({@code docs-cache-time}
 * 10 s) and with every request merging again (0 s), the same run, in front of stand-in services that each answer a
 * document of the real services' size. Run: {@code mvn -B -ntp -pl front-door -am verify -Pbenchmark
 * -Dtest=DocsCacheBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; figures in {@code docs/benchmarks.md}.
 */
@Tag("benchmark")
class DocsCacheBenchmark {

    private static final int READERS = 8;

    private static final int REQUESTS_PER_READER = 100;

    /** The JDK client itself, not ServiceHttp: the answers are read as bytes, so decoding is not in the figure. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void keepingTheMergedDefinitionServesManyReadersFaster() throws Exception {
        byte[] document = serviceDocument(150).getBytes(StandardCharsets.UTF_8);
        HttpServer services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        services.setExecutor(Executors.newFixedThreadPool(8));
        services.createContext("/openapi.json", exchange -> {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, document.length);
                out.write(document);
            }
        });
        services.start();
        try {
            double merging = readersPerSecond(services, Duration.ZERO);
            double kept = readersPerSecond(services, Duration.ofSeconds(10));
            System.out.printf("docs cache: %d readers x %d requests, service document %d KB; merging every request "
                    + "%.0f/s, kept %.0f/s, ratio %.1f; load average %.2f, %d cores%n", READERS,
                    REQUESTS_PER_READER, document.length / 1024, merging, kept, kept / merging,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            assertThat(kept).isGreaterThan(merging);
        }
        finally {
            services.stop(0);
        }
    }

    private static double readersPerSecond(HttpServer services, Duration cacheTime) throws Exception {
        int port = FreePorts.next();
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--croupier.front-door.additional-ports=", "--croupier.front-door.docs-cache-time=" + cacheTime));
        for (Backend backend : Backend.values()) {
            arguments.add("--croupier.front-door.backends." + backend.name().toLowerCase() + "=http://127.0.0.1:"
                    + services.getAddress().getPort());
        }
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try (ConfigurableApplicationContext frontDoor = new SpringApplicationBuilder(FrontDoorApplication.class)
            .run(arguments.toArray(String[]::new))) {
            URI definition = URI.create("http://127.0.0.1:" + port + "/docs/platform.json");
            for (int i = 0; i < 20; i++) {
                read(definition);
            }
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int reader = 0; reader < READERS; reader++) {
                running.add(readers.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_READER; i++) {
                        read(definition);
                    }
                    return null;
                }));
            }
            for (Future<?> reader : running) {
                reader.get();
            }
            return READERS * REQUESTS_PER_READER / ((System.nanoTime() - started) / 1e9);
        }
        finally {
            readers.shutdownNow();
        }
    }

    private static void read(URI definition) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(definition).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    /** A document with {@code operations} operator operations, each with its schema, like a real service's. */
    private static String serviceDocument(int operations) {
        String paths = IntStream.range(0, operations)
            .mapToObj(i -> """
                    "/admin/things%d/{id}": {"get": {"tags": ["Things"], "security": [{"bearer": ["ADMIN"]}],
                      "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                      "responses": {"200": {"description": "the thing", "content": {"application/json":
                        {"schema": {"$ref": "#/components/schemas/Thing%d"}}}},
                        "404": {"description": "No thing has this id", "content": {"application/problem+json":
                          {"example": {"type": "about:blank", "title": "Not Found", "status": 404,
                                       "detail": "no thing 42"}}}}}}}""".formatted(i, i))
            .collect(Collectors.joining(",\n"));
        String schemas = IntStream.range(0, operations)
            .mapToObj(i -> """
                    "Thing%d": {"type": "object", "properties": {"id": {"type": "integer"},
                      "name": {"type": "string"}, "amount": {"type": "string"}, "currency": {"type": "string"}}}"""
                .formatted(i))
            .collect(Collectors.joining(",\n"));
        return """
                {"openapi": "3.1.0", "info": {"title": "OpenAPI definition", "version": "v0"},
                 "tags": [{"name": "Things", "description": "The things"}],
                 "paths": {%s},
                 "components": {"schemas": {%s},
                  "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}
                """.formatted(paths, schemas);
    }
}
