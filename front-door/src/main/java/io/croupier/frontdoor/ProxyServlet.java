package io.croupier.frontdoor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards each request to the service that owns its path and hands back that service's answer unchanged, status,
 * headers and body, never following a redirect. Its own answers are the aggregated {@code /health}, and RFC 9457
 * problem details for a path no service owns (404) or a service that cannot be reached (502).
 */
final class ProxyServlet extends HttpServlet {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;

    private final FrontDoorSettings settings;

    private final HealthFanOut health;

    ProxyServlet(HttpClient client, FrontDoorSettings settings, HealthFanOut health) {
        this.client = client;
        this.settings = settings;
        this.health = health;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if ("/health".equals(path)) {
            HealthFanOut.Health answer = health.check();
            respond(response, answer.up() ? 200 : 503, "application/json", answer);
            return;
        }
        Optional<Destination> destination = RouteTable.resolve(path);
        if (destination.isEmpty()) {
            respond(response, 404, "application/problem+json", problem("Not Found", 404, "No Croupier endpoint here"));
            return;
        }
        forward(request, response, destination.get());
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, Destination destination)
            throws IOException {
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(ForwardedRequest.of(request, settings.baseUrl(destination.backend()),
                    destination.path(), settings.timeout()), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(response, 503, "application/problem+json", problem("Service Unavailable", 503, "shutting down"));
            return;
        }
        catch (IOException e) {
            respond(response, 502, "application/problem+json", problem("Bad Gateway", 502,
                    destination.backend().serviceName() + " cannot be reached"));
            return;
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (HopByHopHeaders.passedOn(name)) {
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

    private static Map<String, Object> problem(String title, int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    private static void respond(HttpServletResponse response, int status, String contentType, Object body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
