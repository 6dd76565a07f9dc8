package io.croupier.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seeds' systems each served everything from one host and port (the offer router on 5000, the tracker on 8080).
 * This front door keeps their example URLs working against the split services: it forwards each request by path to
 * the service that owns it, unchanged, never following redirects, and adds {@code X-Forwarded-For}.
 */
final class EdgeRouter implements AutoCloseable {

    /** Longest prefix first; a prefix ending without '/' also matches the exact path. */
    private static final List<Map.Entry<String, PlatformService>> ROUTES = List.of(
            Map.entry("/admin/offers", PlatformService.CLICK),
            Map.entry("/admin/stats", PlatformService.OPTIMIZER),
            Map.entry("/admin/update-weights", PlatformService.OPTIMIZER),
            Map.entry("/admin/publishers", PlatformService.FORWARDER),
            Map.entry("/click", PlatformService.CLICK),
            Map.entry("/postback", PlatformService.POSTBACK),
            Map.entry("/webhooks/", PlatformService.POSTBACK),
            Map.entry("/api/postback/", PlatformService.POSTBACK),
            Map.entry("/api/analytics/", PlatformService.POSTBACK),
            Map.entry("/docs", PlatformService.CLICK),
            Map.entry("/openapi.json", PlatformService.CLICK),
            Map.entry("/swagger-ui", PlatformService.CLICK),
            Map.entry("/v3/api-docs", PlatformService.CLICK));

    /** Headers the HTTP client sets itself or that only mean something on one hop. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<HttpServer> servers;

    private final ExecutorService workers;

    private final HttpClient client;

    private final RunningPlatform platform;

    private EdgeRouter(List<HttpServer> servers, ExecutorService workers, HttpClient client, RunningPlatform platform) {
        this.servers = servers;
        this.workers = workers;
        this.client = client;
        this.platform = platform;
    }

    static EdgeRouter start(RunningPlatform platform, List<Integer> ports) {
        ExecutorService workers = Executors.newFixedThreadPool(32);
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(workers)
            .build();
        List<HttpServer> servers = ports.stream().map(port -> bind(port, workers)).toList();
        EdgeRouter router = new EdgeRouter(servers, workers, client, platform);
        servers.forEach(server -> {
            server.createContext("/", router::forward);
            server.start();
        });
        return router;
    }

    private static HttpServer bind(int port, ExecutorService workers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 256);
            server.setExecutor(workers);
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if ("/health".equals(path)) {
                answerHealth(exchange);
                return;
            }
            PlatformService owner = ownerOf(path);
            if (owner == null) {
                respond(exchange, 404, "application/problem+json",
                        "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No Croupier endpoint at " + path + "\"}");
                return;
            }
            HttpResponse<byte[]> response = client.send(proxied(exchange, owner),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (IOException e) {
            respond(exchange, 502, "application/problem+json",
                    "{\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"service unreachable\"}");
        }
    }

    private HttpRequest proxied(HttpExchange exchange, PlatformService owner) throws IOException {
        URI incoming = exchange.getRequestURI();
        String target = platform.url(owner) + incoming.getRawPath()
                + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(30))
            .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        return request.build();
    }

    private static PlatformService ownerOf(String path) {
        for (Map.Entry<String, PlatformService> route : ROUTES) {
            String prefix = route.getKey();
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return route.getValue();
            }
        }
        return null;
    }

    /** Up when every service reports up; names each one, so a newcomer sees at once which is not. */
    private void answerHealth(HttpExchange exchange) throws IOException {
        Map<String, String> services = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            services.put(service.serviceName(), statusOf(service));
        }
        boolean allUp = services.values().stream().allMatch("UP"::equals);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", allUp ? "UP" : "DOWN");
        health.put("services", services);
        respond(exchange, allUp ? 200 : 503, "application/json", JSON.writeValueAsString(health));
    }

    private String statusOf(PlatformService service) {
        try {
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(URI.create(platform.url(service) + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "DOWN";
        }
        catch (IOException e) {
            return "DOWN";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNKNOWN";
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        workers.shutdownNow();
    }
}
