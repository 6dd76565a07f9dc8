package io.croupier.frontdoor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each service's own documentation page behind the front door: {@code /services/<service-name>/docs} and the
 * service's document at {@code /services/<service-name>/openapi.json}. The service would describe itself at its
 * internal address and send Swagger UI to paths that are the front door's own; here the page is the front door's
 * Swagger UI over that one document, whose server is the address the reader called with the service's prefix, so
 * "Try it out" goes through the front door to that service. The service's own Swagger UI paths lead to this page.
 */
final class ServiceDocs {

    private final ApiDefinitions definitions;

    ServiceDocs(ApiDefinitions definitions) {
        this.definitions = definitions;
    }

    /** Answers a request for a service's documentation and returns true; false for any other request. */
    boolean answered(Destination destination, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!request.getRequestURI().startsWith(RouteTable.SERVICE_PREFIX)
                || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        Backend backend = destination.backend();
        String prefix = RouteTable.SERVICE_PREFIX + backend.serviceName();
        switch (destination.path()) {
            case "/docs", "/docs/", "/docs/index.html" -> DocsServlet.respond(response, "text/html",
                    DocsServlet.page(Map.of(prefix + "/openapi.json", backend.serviceName()))
                        .getBytes(StandardCharsets.UTF_8));
            case "/openapi.json" -> {
                Optional<ObjectNode> document = definitions.serviceDefinition(backend,
                        DocsServlet.serverUrl(request) + prefix);
                if (document.isPresent()) {
                    JsonAnswers.respond(response, 200, "application/json", document.get());
                }
                else {
                    JsonAnswers.problem(response, 502, "Bad Gateway", backend.serviceName() + " cannot be reached");
                }
            }
            // The service's own Swagger UI would load its configuration from the front door's root: send the
            // reader to the page that works behind the front door.
            case "/swagger-ui.html", "/swagger-ui", "/swagger-ui/", "/swagger-ui/index.html" -> {
                response.setStatus(302);
                response.setHeader("Location", prefix + "/docs");
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
