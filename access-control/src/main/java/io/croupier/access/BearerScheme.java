package io.croupier.access;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Puts the bearer scheme in the service's OpenAPI document, so Swagger UI's "Authorize" button takes a token (seed
 * 002: log in, paste the token, every call sends it), marks the public operations as needing none, and names on every
 * other operation the roles that may call it, as OpenAPI 3.1 allows for a bearer scheme's requirement. The roles are
 * read from the same rules the filter chain enforces, first match first, so the documents cannot claim otherwise; the
 * front door also sorts operations into its audiences' definitions by them. Every operation that needs a token also
 * documents the 401 and 403 problem details {@link ProblemAnswers} answers.
 */
final class BearerScheme implements OpenApiCustomizer, Ordered {

    static final String NAME = "bearer";

    /** What the filter chain requires when no rule matches. */
    private static final Set<Role> UNDECLARED = Set.of(Role.ADMIN);

    private final List<Endpoints.Rule> rules;

    BearerScheme(List<Endpoints.Rule> rules) {
        this.rules = rules;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.schemaRequirement(NAME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("A token from identity-service: POST /login with a username and password, or POST /token "
                    + "with an API key (OAuth 2.0 client credentials). Paste it without the word Bearer. Each "
                    + "operation names the roles that may call it; a PUBLISHER token sees only its own publisher."));
        openApi.addSecurityItem(new SecurityRequirement().addList(NAME));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Endpoints.Rule rule = firstMatching(method, path);
            if (rule != null && rule.kind() != Endpoints.Rule.Kind.ROLES) {
                operation.setSecurity(List.of());
            }
            else {
                Set<Role> roles = rule == null ? UNDECLARED : rule.roles();
                operation.setSecurity(List.of(new SecurityRequirement().addList(NAME, Arrays.stream(Role.values())
                    .filter(roles::contains)
                    .map(Role::name)
                    .toList())));
                operation.getResponses()
                    .addApiResponse("401", problem("No token, or one that is not valid (expired, forged, another "
                            + "issuer's): which, the answer does not say.", "Unauthorized", 401,
                            "This endpoint needs a bearer token: Authorization: Bearer <token>."))
                    .addApiResponse("403", problem("The token's role may not call this.", "Forbidden", 403,
                            "Your role may not do this."));
            }
        }));
    }

    /** What {@link ProblemAnswers} writes. */
    private static ApiResponse problem(String description, String title, int status, String detail) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", "/admin/offers");
        Schema<Object> schema = new ObjectSchema()
            .addProperty("type", new StringSchema())
            .addProperty("title", new StringSchema())
            .addProperty("status", new IntegerSchema())
            .addProperty("detail", new StringSchema())
            .addProperty("instance", new StringSchema());
        return new ApiResponse().description(description)
            .addHeaderObject("WWW-Authenticate", new Header().description("RFC 6750: Bearer, with error="
                    + "\"invalid_token\" when a token was sent, error=\"insufficient_scope\" for a role that may not")
                .schema(new StringSchema()))
            .content(new Content().addMediaType("application/problem+json",
                    new MediaType().schema(schema).example(example)));
    }

    private Endpoints.Rule firstMatching(PathItem.HttpMethod method, String path) {
        PathContainer documented = PathContainer.parsePath(path);
        for (Endpoints.Rule rule : rules) {
            boolean methodMatches = rule.method() == null || rule.method().name().equals(method.name());
            PathPattern pattern = PathPatternParser.defaultInstance.parse(rule.pattern());
            if (methodMatches && pattern.matches(documented)) {
                return rule;
            }
        }
        return null;
    }

    /** After the services' own customizers, which add operations such as the click servlet's. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
