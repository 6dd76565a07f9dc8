package io.croupier.access;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Puts the bearer scheme in the service's OpenAPI document, so Swagger UI's "Authorize" button takes a token (seed
 * 002: log in, paste the token, every call sends it), and marks the public operations as needing none.
 */
final class BearerScheme implements OpenApiCustomizer, Ordered {

    static final String NAME = "bearer";

    private final List<Endpoints.Rule> publicRules;

    BearerScheme(List<Endpoints.Rule> rules) {
        this.publicRules = rules.stream().filter(rule -> rule.kind() != Endpoints.Rule.Kind.ROLES).toList();
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.schemaRequirement(NAME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("A token from identity-service: POST /login with a username and password, or POST /token "
                    + "with an API key. Paste it without the word Bearer."));
        openApi.addSecurityItem(new SecurityRequirement().addList(NAME));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (isPublic(method, path)) {
                operation.setSecurity(List.of());
            }
        }));
    }

    private boolean isPublic(PathItem.HttpMethod method, String path) {
        PathContainer documented = PathContainer.parsePath(path);
        for (Endpoints.Rule rule : publicRules) {
            boolean methodMatches = rule.method() == null || rule.method().name().equals(method.name());
            PathPattern pattern = PathPatternParser.defaultInstance.parse(rule.pattern());
            if (methodMatches && pattern.matches(documented)) {
                return true;
            }
        }
        return false;
    }

    /** After the services' own customizers, which add operations such as the click servlet's. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
