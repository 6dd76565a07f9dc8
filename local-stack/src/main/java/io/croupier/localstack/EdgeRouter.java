package io.croupier.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
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
            Map.entry("/admin/accounts", PlatformService.IDENTITY),
            Map.entry("/admin/api-keys", PlatformService.IDENTITY),
            Map.entry("/admin/audit", PlatformService.IDENTITY),
            Map.entry("/admin/signing-keys", PlatformService.IDENTITY),
            Map.entry("/login", PlatformService.IDENTITY),
            Map.entry("/token", PlatformService.IDENTITY),
            Map.entry("/me", PlatformService.IDENTITY),
            Map.entry("/.well-known/", PlatformService.IDENTITY),
            Map.entry("/click", PlatformService.CLICK),
            Map.entry("/postback", PlatformService.POSTBACK),
            Map.entry("/webhooks/", PlatformService.POSTBACK),
            Map.entry("/api/postback/", PlatformService.POSTBACK),
            Map.entry("/api/analytics/", PlatformService.POSTBACK),
            Map.entry("/event", PlatformService.ANALYTICS),
            Map.entry("/events", PlatformService.ANALYTICS),
            Map.entry("/stats", PlatformService.ANALYTICS),
            Map.entry("/run-pipeline", PlatformService.ANALYTICS),
            Map.entry("/pipeline/", PlatformService.ANALYTICS),
            Map.entry("/imports", PlatformService.ANALYTICS),
            Map.entry("/inputs", PlatformService.ANALYTICS),
            Map.entry("/reports/purchases_curated", PlatformService.ANALYTICS),
            Map.entry("/reports/purchases_curated.csv", PlatformService.ANALYTICS),
            Map.entry("/reports/reconciliation", PlatformService.ANALYTICS),
            Map.entry("/reports/reconciliation.json", PlatformService.ANALYTICS),
            Map.entry("/reports/roas_d1", PlatformService.ANALYTICS),
            Map.entry("/reports/roas_d1.json", PlatformService.ANALYTICS),
            Map.entry("/reports/roas_anomaly", PlatformService.ANALYTICS),
            Map.entry("/reports/roas_anomaly.json", PlatformService.ANALYTICS),
            Map.entry("/reports/arpdau_d1", PlatformService.ANALYTICS),
            Map.entry("/reports/arpdau_d1.json", PlatformService.ANALYTICS),
            Map.entry("/docs", PlatformService.CLICK),
            Map.entry("/openapi.json", PlatformService.CLICK),
            Map.entry("/swagger-ui", PlatformService.CLICK),
            Map.entry("/v3/api-docs", PlatformService.CLICK));

    /** Headers the HTTP client sets itself or that only mean something on one hop. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Unreserved and reserved characters of RFC 3986, and '%' of the escapes already there. */
    private static final String URI_CHARACTERS = "-._~:/?#[]@!$&'()*+,;=%";

    private final Tomcat tomcat;

    private final HttpClient client;

    private final RunningPlatform platform;

    private EdgeRouter(Tomcat tomcat, HttpClient client, RunningPlatform platform) {
        this.tomcat = tomcat;
        this.client = client;
        this.platform = platform;
    }

    static EdgeRouter start(RunningPlatform platform, List<Integer> ports) {
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(temporaryDirectory().toString());
        EdgeRouter router = new EdgeRouter(tomcat, client, platform);
        for (int port : ports) {
            tomcat.getService().addConnector(connector(port));
        }
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "edge", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                router.forward(request, response);
            }
        });
        context.addServletMappingDecoded("/*", "edge");
        try {
            tomcat.start();
        }
        catch (LifecycleException e) {
            throw new IllegalStateException("cannot start the front door on " + ports, e);
        }
        return router;
    }

    /** Like postback-service, it accepts the unencoded braces of literal macros, so the service can name them. */
    private static Connector connector(int port) {
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "0.0.0.0");
        connector.setProperty("relaxedQueryChars", "{}|[]");
        connector.setProperty("relaxedPathChars", "{}|[]");
        return connector;
    }

    private void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if ("/health".equals(path)) {
            answerHealth(response);
            return;
        }
        PlatformService owner = ownerOf(path);
        if (owner == null) {
            respond(response, 404, "application/problem+json",
                    "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No Croupier endpoint at " + path + "\"}");
            return;
        }
        try {
            HttpResponse<byte[]> answer = client.send(proxied(request, owner), HttpResponse.BodyHandlers.ofByteArray());
            response.setStatus(answer.statusCode());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            byte[] body = answer.body();
            if (body.length > 0) {
                try (OutputStream out = response.getOutputStream()) {
                    out.write(body);
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (IOException e) {
            respond(response, 502, "application/problem+json",
                    "{\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"service unreachable\"}");
        }
    }

    private HttpRequest proxied(HttpServletRequest incoming, PlatformService owner) throws IOException {
        String target = platform.url(owner) + legal(incoming.getRequestURI())
                + (incoming.getQueryString() == null ? "" : "?" + legal(incoming.getQueryString()));
        byte[] body;
        try (InputStream in = incoming.getInputStream()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(30))
            .method(incoming.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : Collections.list(incoming.getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                Collections.list(incoming.getHeaders(name)).forEach(value -> request.header(name, value));
            }
        }
        request.header("X-Forwarded-For", incoming.getRemoteAddr());
        return request.build();
    }

    /**
     * Percent-encodes what a URI may not contain but senders still send, such as seed 004's literal {@code {click_id}}
     * macros, so the owning service sees them and answers with its own error instead of the proxy failing.
     */
    static String legal(String raw) {
        StringBuilder legal = new StringBuilder(raw.length());
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || URI_CHARACTERS.indexOf(c) >= 0)) {
                legal.append(c);
            }
            else {
                legal.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return legal.toString();
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
    private void answerHealth(HttpServletResponse response) throws IOException {
        Map<String, String> services = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            services.put(service.serviceName(), statusOf(service));
        }
        boolean allUp = services.values().stream().allMatch("UP"::equals);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", allUp ? "UP" : "DOWN");
        health.put("services", services);
        respond(response, allUp ? 200 : 503, "application/json", JSON.writeValueAsString(health));
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

    private static void respond(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        }
        catch (LifecycleException e) {
            throw new IllegalStateException("cannot stop the front door", e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("croupier-edge");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
