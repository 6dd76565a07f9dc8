package io.croupier.postback.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents what every seed format answers: its success body, and when it refuses a call the bodies
 * {@link Receipt.Refused} and seed 003's controller write (problem details with {@code log_id} and {@code outcome};
 * seed 003's own {@code {"error","logId"}}); the optional Standard Webhooks signature each format can carry (headers
 * for JSON webhooks, parameters for GET postbacks); and parameter examples that work against the local stack's demo
 * offers (house {@code brazino}, partner key {@code abc123xyz}).
 */
@Component
class SeedFormatDocumentation implements OpenApiCustomizer {

    static final String SIGNATURE_HEADERS = "webhookSignature";

    static final String SIGNATURE_PARAMETERS = "webhookSignatureParameters";

    private static final String SIGNATURE_DETAIL = "Standard Webhooks: v1, + base64 HMAC-SHA256 under the key of the "
            + "offer's whsec_ signing secret over <id>.<timestamp>.<content>; required once the offer's inbound policy "
            + "asks for it. docs/integrating.md has worked examples.";

    private enum Family {
        JSON, QUERY
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.schemaRequirement(SIGNATURE_HEADERS, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name("webhook-signature")
            .description(SIGNATURE_DETAIL + " JSON webhooks (seed 000, seed 001, seed 004 with a JSON body) send it "
                    + "with webhook-id and webhook-timestamp as headers; the content is the body as sent."));
        openApi.schemaRequirement(SIGNATURE_PARAMETERS, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.QUERY)
            .name("webhook_signature")
            .description(SIGNATURE_DETAIL + " GET postbacks (seed 003, seed 004 by GET or form) send it with "
                    + "webhook_id and webhook_timestamp as parameters; the content is <canonical path>?<canonical "
                    + "query>."));
        if (openApi.getPaths() == null) {
            return;
        }
        success(openApi.getPaths().get("/webhooks/gaming/registration"), "Accepted, or a duplicate of an accepted one",
                example("status", "success", "conversion_id", "postback:17", "postback_triggered", true,
                        "duplicate", false, "log_id", 17));
        success(openApi.getPaths().get("/webhooks/gaming/deposit"), "Accepted, or a duplicate of an accepted one",
                example("status", "success", "conversion_id", "postback:18", "postback_triggered", true,
                        "duplicate", false, "log_id", 18));
        success(openApi.getPaths().get("/webhooks/gaming/chargeback"), "Accepted, or a duplicate of an accepted one",
                example("status", "success", "conversion_id", "postback:22", "postback_triggered", true,
                        "duplicate", false, "log_id", 22));
        success(openApi.getPaths().get("/postback"), "Accepted, or a duplicate of an accepted one",
                example("status", "success", "message", "FTD and payout recorded", "click_id", "abc-123-def",
                        "duplicate", false, "log_id", 19));
        success(openApi.getPaths().get("/postback/{key}"), "Accepted (a test too), or a duplicate",
                example("status", "success", "message", "Postback received and distributed", "log_id", "20",
                        "duplicate", false));
        success(openApi.getPaths().get("/api/postback/{house}/{event}"), "Accepted, with the commission it earned "
                + "(null and commissionStatus PENDING if not computed within 5 s)",
                example("status", "success", "message", "Postback processado com sucesso - Brazino", "event",
                        "deposit", "commission", 150, "house", "Brazino", "logId", 21, "currency", "BRL",
                        "commissionStatus", "CALCULATED", "duplicate", false));
        examples(openApi.getPaths().get("/api/postback/{house}/{event}"), Map.of("house", "brazino", "event",
                "deposit", "subid", "joao123", "amount", "25.00"));
        examples(openApi.getPaths().get("/postback/{key}"), Map.of("key", "abc123xyz", "click_id", "CLK-789ABC",
                "status", "approved", "payout", "5.00", "transaction_id", "TXN-12345", "survey_id", "VBFS6"));
        document(openApi.getPaths().get("/webhooks/gaming/registration"), Family.JSON, Map.of(
                "404", problem("platform is not an offer's house slug", 404, "Not Found",
                        "platform unknown_casino is not the house slug of any offer", "ERROR_HOUSE_NOT_FOUND")));
        document(openApi.getPaths().get("/webhooks/gaming/deposit"), Family.JSON, Map.of(
                "404", problem("platform is not an offer's house slug", 404, "Not Found",
                        "platform unknown_casino is not the house slug of any offer", "ERROR_HOUSE_NOT_FOUND")));
        document(openApi.getPaths().get("/webhooks/gaming/chargeback"), Family.JSON, Map.of(
                "404", problem("platform is not an offer's house slug", 404, "Not Found",
                        "platform unknown_casino is not the house slug of any offer", "ERROR_HOUSE_NOT_FOUND")));
        document(openApi.getPaths().get("/postback"), Family.JSON, Map.of(
                "403", problem("Wrong or missing postback secret, or a source outside the offer's allow-list", 403,
                        "Forbidden", "invalid postback secret", "ERROR_INVALID_KEY")));
        document(openApi.getPaths().get("/postback/{key}"), Family.QUERY, Map.of(
                "404", problem("No offer has this partner key", 404, "Not Found", "Invalid postback key",
                        "ERROR_INVALID_KEY")));
        PathItem house = openApi.getPaths().get("/api/postback/{house}/{event}");
        if (house != null) {
            houseErrors(house.getGet());
        }
    }

    private static void success(PathItem item, String description, Map<String, Object> example) {
        if (item == null) {
            return;
        }
        for (Operation operation : item.readOperations()) {
            operation.getResponses().addApiResponse("200", new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().example(example))));
        }
    }

    /** Parameter examples, so "Try it out" sends a call the local stack's demo data accepts. */
    private static void examples(PathItem item, Map<String, String> examples) {
        if (item == null) {
            return;
        }
        for (Operation operation : item.readOperations()) {
            if (operation.getParameters() != null) {
                operation.getParameters().stream()
                    .filter(parameter -> examples.containsKey(parameter.getName()))
                    .forEach(parameter -> parameter.setExample(examples.get(parameter.getName())));
            }
        }
    }

    private static Map<String, Object> example(Object... namesAndValues) {
        Map<String, Object> example = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            example.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return example;
    }

    private static void document(PathItem item, Family family, Map<String, ApiResponse> specific) {
        if (item == null) {
            return;
        }
        for (Operation operation : item.readOperations()) {
            operation.getResponses()
                .addApiResponse("400", problem("A missing or invalid field; the message names it", 400,
                        "Bad Request", "click_id required", "ERROR_VALIDATION"))
                .addApiResponse("401", signatureRefused(problem("Unsigned, badly signed, stale or replayed, for an "
                        + "offer that requires signatures", 401, "Unauthorized",
                        "the offer requires signed calls: send webhook-id, webhook-timestamp and webhook-signature "
                                + "headers", "ERROR_SIGNATURE_MISSING")))
                .addApiResponse("403", problem("The source address is not on the offer's allow-list", 403,
                        "Forbidden", "source address 198.51.100.7 is not on the offer's allow-list", "ERROR_SOURCE_NOT_ALLOWED"))
                .addApiResponse("413", problem("The body is larger than croupier.postback.max-body-size (16 KB)",
                        413, "Content Too Large", "the body is larger than 16384 bytes", "ERROR_VALIDATION"));
            specific.forEach(operation.getResponses()::addApiResponse);
            boolean headers = family == Family.JSON || "post".equals(method(item, operation));
            for (String name : headers ? List.of("webhook-id", "webhook-timestamp", "webhook-signature")
                    : List.of("webhook_id", "webhook_timestamp", "webhook_signature")) {
                operation.addParametersItem(headers ? new HeaderParameter().name(name)
                    .description("Optional Standard Webhooks " + name.substring("webhook-".length())
                            + " (JSON bodies)")
                    .schema(new StringSchema()) : signatureParameter(name));
            }
        }
    }

    private static String method(PathItem item, Operation operation) {
        return item.getPost() == operation ? "post" : "get";
    }

    private static Parameter signatureParameter(String name) {
        return new QueryParameter().name(name)
            .description("Optional Standard Webhooks " + name.substring("webhook_".length()) + " of a signed GET")
            .schema(new StringSchema());
    }

    /** Seed 003 keeps its own error body for every refusal. */
    private static void houseErrors(Operation operation) {
        operation.getResponses()
            .addApiResponse("400", houseError("A missing or invalid parameter", "amount must be a decimal number, was '25,00'"))
            .addApiResponse("401", signatureRefused(houseError("Unsigned, badly signed, stale or replayed, for a "
                    + "house that requires signatures: Assinatura obrigatória, inválida, expirada, já utilizada",
                    "Assinatura obrigatória")))
            .addApiResponse("403", houseError("The source address is not on the house's allow-list",
                    "Acesso negado"))
            .addApiResponse("404", houseError("Unknown house, or no affiliate with this subid: Casa de apostas não "
                    + "encontrada, Afiliado não encontrado", "Casa de apostas não encontrada"));
    }

    private static ApiResponse signatureRefused(ApiResponse response) {
        return response.addHeaderObject("WWW-Authenticate",
                new Header().description(Receipt.Refused.CHALLENGE).schema(new StringSchema()));
    }

    private static ApiResponse problem(String description, int status, String title, String detail,
            String outcome) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", "/postback/***");
        example.put("log_id", 18);
        example.put("outcome", outcome);
        Schema<Object> schema = new ObjectSchema().description("RFC 9457 problem details")
            .addProperty("type", new StringSchema())
            .addProperty("title", new StringSchema())
            .addProperty("status", new IntegerSchema())
            .addProperty("detail", new StringSchema().description("why, naming the field"))
            .addProperty("instance", new StringSchema().description("the path as logged, credentials masked"))
            .addProperty("log_id", new IntegerSchema().description("this call's row in the postback log"))
            .addProperty("outcome", new StringSchema().description("the postback log's outcome"));
        return new ApiResponse().description(description)
            .content(new Content().addMediaType("application/problem+json",
                    new MediaType().schema(schema).example(example)));
    }

    private static ApiResponse houseError(String description, String error) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("error", error);
        example.put("logId", 18);
        Schema<Object> schema = new ObjectSchema().description("Seed 003's error body")
            .addProperty("error", new StringSchema())
            .addProperty("logId", new IntegerSchema().description("this call's row in the postback log"));
        return new ApiResponse().description(description)
            .content(new Content().addMediaType("application/json", new MediaType().schema(schema).example(example)));
    }
}
