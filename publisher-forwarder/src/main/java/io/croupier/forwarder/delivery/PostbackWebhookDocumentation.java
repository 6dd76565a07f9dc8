package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.croupier.events.Tracking;
import io.croupier.forwarder.publisher.PostbackTemplate;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The postbacks this service sends to publishers, as OpenAPI 3.1 webhooks: what a publisher's endpoint receives
 * ({@link PostbackMessage}'s fields, signed as {@code PostbackClient} signs them) and what it should answer.
 */
@Component
class PostbackWebhookDocumentation implements OpenApiCustomizer {

    static final String WEBHOOK = "publisherPostback";

    private static final String TAG = "Publisher postbacks";

    /** The delivery of the integration guide's worked example. */
    static final Delivery SAMPLE = new Delivery("payout:42", 4, "7", "CLK-789ABC", "TXN-12345", null, "FTD",
            "APPROVED", new BigDecimal("4.00"), "USD",
            Tracking.newBuilder().setSource("facebook").setCampaign("winter2024").build(), null,
            Instant.parse("2025-11-30T10:53:20Z"), 0, 0);

    private static final String SIGNING = "Signed with Standard Webhooks under the publisher's whsec_ signing "
            + "secret: webhook-signature is v1, + base64 HMAC-SHA256 over <webhook-id>.<webhook-timestamp>.<body>, "
            + "the body empty for GET. Refuse a timestamp more than 5 minutes from your clock, compare in constant "
            + "time, accept if any space-separated signature matches. docs/integrating.md has worked examples.";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.addTagsItem(new Tag().name(TAG)
            .description("What Croupier sends your postback URL for every payout: GET with the macros of your URL "
                    + "filled in (" + String.join(", ", PostbackTemplate.MACROS.stream().sorted().toList())
                    + "), or POST with the same URL and a JSON body. " + SIGNING));
        openApi.addWebhooks(WEBHOOK, new PathItem()
            .get(delivery("A payout to a GET publisher: the values are the macros of the postback URL")
                .operationId("publisherPostbackGet"))
            .post(delivery("A payout to a POST publisher: the postback URL with its macros, and this JSON body")
                .operationId("publisherPostbackPost")
                .requestBody(new RequestBody().required(true).content(new Content()
                    .addMediaType("application/json", new MediaType().schema(body()).example(example()))))));
    }

    private static Operation delivery(String summary) {
        return new Operation().summary(summary)
            .description(SIGNING + " Deduplicate on webhook-id: a retry carries the same one.")
            .addTagsItem(TAG)
            .addParametersItem(header("webhook-id", "The delivery id (payout:<n>), the same on every attempt"))
            .addParametersItem(header("webhook-timestamp", "Unix seconds when this attempt was signed"))
            .addParametersItem(header("webhook-signature", "v1,<base64 HMAC-SHA256>"))
            .responses(new ApiResponses()
                .addApiResponse("2XX", new ApiResponse().description("Delivered: any 2xx within 15 s"))
                .addApiResponse("410", new ApiResponse().description("Gone: this and later deliveries become dead "
                        + "letters until an operator updates the publisher's endpoint"))
                .addApiResponse("429", new ApiResponse().description("Slow down: with Retry-After, this delivery "
                        + "and the whole endpoint wait that long"))
                .addApiResponse("default", new ApiResponse().description("Anything else, a redirect or no answer "
                        + "within 15 s: retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then a dead "
                        + "letter an operator can replay")));
    }

    private static HeaderParameter header(String name, String description) {
        HeaderParameter header = new HeaderParameter();
        header.name(name).required(true).description(description).schema(new StringSchema());
        return header;
    }

    private static Schema<Object> body() {
        Schema<Object> body = new ObjectSchema().description("Every macro's value (null when the payout has none), "
                + "payout as an exact JSON number, and occurred_at");
        for (String macro : PostbackMessage.macros(SAMPLE).keySet()) {
            body.addProperty(macro, macro.equals("payout") ? new NumberSchema() : new StringSchema());
        }
        return body.addProperty("occurred_at", new StringSchema().format("date-time"));
    }

    private static Map<String, Object> example() {
        Map<String, Object> example = new LinkedHashMap<>(PostbackMessage.macros(SAMPLE));
        example.put("payout", SAMPLE.payoutAmount());
        example.put("occurred_at", SAMPLE.occurredAt().toString());
        return example;
    }
}
