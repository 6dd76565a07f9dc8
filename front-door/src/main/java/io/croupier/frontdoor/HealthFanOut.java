package io.croupier.frontdoor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The front door's {@code /health}: up when every service reports up, and naming each one, so a newcomer sees at once
 * which is not. The services are asked at the same time, so one slow service costs its timeout once.
 */
final class HealthFanOut {

    private final HttpClient client;

    private final FrontDoorSettings settings;

    HealthFanOut(HttpClient client, FrontDoorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** @param services each service's status, {@code UP} or {@code DOWN}, in the order of {@link Backend} */
    record Health(String status, Map<String, String> services) {

        boolean up() {
            return "UP".equals(status);
        }
    }

    Health check() {
        Map<Backend, CompletableFuture<String>> asked = new LinkedHashMap<>();
        Arrays.stream(Backend.values()).forEach(backend -> asked.put(backend, statusOf(backend)));
        Map<String, String> services = new LinkedHashMap<>();
        asked.forEach((backend, status) -> services.put(backend.serviceName(), status.join()));
        boolean allUp = services.values().stream().allMatch("UP"::equals);
        return new Health(allUp ? "UP" : "DOWN", services);
    }

    private CompletableFuture<String> statusOf(Backend backend) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl(backend) + "/actuator/health"))
            .timeout(settings.healthTimeout())
            .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
            .thenApply(response -> response.statusCode() == 200 ? "UP" : "DOWN")
            .exceptionally(unreachable -> "DOWN");
    }
}
