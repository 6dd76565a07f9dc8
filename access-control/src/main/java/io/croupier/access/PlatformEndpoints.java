package io.croupier.access;

import org.springframework.http.HttpMethod;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;

/**
 * What every service shares: health is open (status only, details for operators, see the platform defaults), the
 * API documents are public, the rest of the actuator (metrics, Prometheus) is for operators. Prometheus scrapes with
 * an operator API key it exchanges for a token itself (identity-service README, "Prometheus").
 */
final class PlatformEndpoints {

    /** The resource server's metadata document (RFC 9728), served by a filter of Spring Security's. */
    static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

    static void declare(Endpoints endpoints) {
        endpoints.openToAnyone("/health", "/actuator/health", "/actuator/health/**", "/error")
            .publicly(HttpMethod.GET, "/docs", "/docs/**", "/openapi.json", "/openapi.json/**", "/swagger-ui.html",
                    "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", RESOURCE_METADATA, RESOURCE_METADATA + "/**")
            .permit("/actuator/**", ADMIN, MANAGER, ANALYST);
    }

    private PlatformEndpoints() {
    }
}
