package io.croupier.frontdoor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Forwards each request to the service that owns its path and hands back that service's answer unchanged, status,
 * headers and body, never following a redirect. Its own answers are the aggregated {@code /health}, each service's
 * documentation page ({@link ServiceDocs}), and RFC 9457 problem details for a path no service owns (404) or a service
 * that cannot be reached (502).
 */
final class ProxyServlet extends HttpServlet {

    private final HttpClient client;

    private final FrontDoorSettings settings;

    private final HealthFanOut health;

    private final ServiceDocs serviceDocs;

    ProxyServlet(HttpClient client, FrontDoorSettings settings, HealthFanOut health, ServiceDocs serviceDocs) {
        this.client = client;
        this.settings = settings;
        this.health = health;
        this.serviceDocs = serviceDocs;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if ("/health".equals(path)) {
            HealthFanOut.Health answer = health.check();
            JsonAnswers.respond(response, answer.up() ? 200 : 503, "application/json", answer);
            return;
        }
        Optional<Destination> destination = RouteTable.resolve(path);
        if (destination.isEmpty()) {
            JsonAnswers.problem(response, 404, "Not Found", "No Croupier endpoint here");
            return;
        }
        if (!serviceDocs.answered(destination.get(), request, response)) {
            forward(request, response, destination.get());
        }
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
            JsonAnswers.problem(response, 503, "Service Unavailable", "shutting down");
            return;
        }
        catch (IOException e) {
            JsonAnswers.problem(response, 502, "Bad Gateway",
                    destination.backend().serviceName() + " cannot be reached");
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
}
