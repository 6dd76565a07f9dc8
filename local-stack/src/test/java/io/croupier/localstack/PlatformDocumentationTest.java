package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door's documentation page as an integrator meets it: one Swagger UI at {@code /docs} with a definition per
 * audience, built from the running services' own documents, every endpoint the seeds name in it with its responses,
 * and as server the address the reader called.
 */
@ExtendWith(TestPlatform.Shared.class)
class PlatformDocumentationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final List<String> AUDIENCES = List.of("casinos", "publishers", "operators", "platform");

    /** Audience, method, path as the seeds write it, and the statuses its documentation must answer with. */
    private static final List<SeedEndpoint> SEED_ENDPOINTS = List.of(
            new SeedEndpoint("casinos", "post", "/webhooks/gaming/registration", "200", "400", "401", "403", "404", "413"),
            new SeedEndpoint("casinos", "post", "/webhooks/gaming/deposit", "200", "400", "401", "403", "404", "413"),
            new SeedEndpoint("casinos", "post", "/webhooks/gaming/chargeback", "200", "400", "401", "403", "404", "413"),
            new SeedEndpoint("casinos", "post", "/postback", "200", "400", "401", "403", "413"),
            new SeedEndpoint("casinos", "get", "/api/postback/{house}/{event}", "200", "400", "401", "403", "404"),
            new SeedEndpoint("casinos", "get", "/postback/{key}", "200", "400", "401", "403", "404"),
            new SeedEndpoint("casinos", "post", "/postback/{key}", "200", "400", "401", "403", "404", "413"),
            new SeedEndpoint("casinos", "get", "/api/analytics/postback/test", "200"),
            new SeedEndpoint("casinos", "post", "/login", "200"),
            new SeedEndpoint("casinos", "post", "/event", "200", "401", "403"),
            new SeedEndpoint("casinos", "get", "/events", "200", "401", "403"),
            new SeedEndpoint("casinos", "get", "/stats", "200", "401", "403"),
            new SeedEndpoint("casinos", "post", "/run-pipeline", "200", "401", "403"),
            new SeedEndpoint("casinos", "get", "/track", "200", "400", "404"),
            new SeedEndpoint("casinos", "post", "/earn", "200", "400", "401", "403", "404", "409"),
            new SeedEndpoint("casinos", "get", "/balance", "200", "400", "401", "403"),
            new SeedEndpoint("publishers", "get", "/click", "302", "400", "404", "503"),
            new SeedEndpoint("operators", "post", "/admin/offers", "201", "401", "403"),
            new SeedEndpoint("operators", "get", "/admin/offers", "200", "401", "403"),
            new SeedEndpoint("operators", "get", "/admin/offers/{offer_id}", "200", "401", "403"),
            new SeedEndpoint("operators", "put", "/admin/offers/{offer_id}", "200", "401", "403"),
            new SeedEndpoint("operators", "delete", "/admin/offers/{offer_id}", "200", "401", "403"),
            new SeedEndpoint("operators", "get", "/admin/stats", "200", "401", "403"),
            new SeedEndpoint("operators", "post", "/admin/update-weights", "200", "401", "403"));

    private static TestPlatform platform;

    private static String frontDoor;

    @BeforeAll
    static void platform(TestPlatform started) {
        platform = started;
        frontDoor = started.frontDoor.url();
    }

    @Test
    void redocShowsTheWholePlatformsDefinitionInABrowser() throws Exception {
        String title = JSON.readTree(get(frontDoor + "/openapi.json").body()).path("info").path("title").asString();

        try (Browser reader = Browser.open(frontDoor + "/console/")) {
            reader.driver().get(frontDoor + "/redoc");

            assertThat(reader.text(By.cssSelector(".api-info h1"))).startsWith(title);
            assertThat(reader.driver().getPageSource()).contains("/run-pipeline", "/webhooks/gaming/deposit",
                    "/admin/offers");
            assertThat(reader.consoleProblems()).isEmpty();
        }
    }

    @Test
    void docsIsOneSwaggerUiWithADefinitionPerAudience() throws Exception {
        HttpResponse<String> page = get(frontDoor + "/docs");
        HttpResponse<String> bundle = get(frontDoor + "/docs/swagger-ui/swagger-ui-bundle.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
            .startsWith("text/html"));
        assertThat(page.body()).contains("SwaggerUIBundle", "/docs/casinos.json", "/docs/publishers.json",
                "/docs/operators.json", "/docs/platform.json");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
            .startsWith("text/javascript"));
        assertThat(get(frontDoor + "/docs/swagger-ui/no-such-file.js").statusCode()).isEqualTo(404);
        assertThat(get(frontDoor + "/openapi.json").statusCode()).isEqualTo(200);
    }

    @Test
    void everyEndpointTheSeedsNameIsInItsAudiencesDefinitionWithItsDocumentedResponses() throws Exception {
        for (SeedEndpoint endpoint : SEED_ENDPOINTS) {
            for (String definition : List.of(endpoint.audience(), "platform")) {
                JsonNode operation = definition(definition).path("paths").path(endpoint.path()).path(endpoint.method());
                assertThat(operation.isObject()).as("%s in %s", endpoint, definition).isTrue();
                assertThat(operation.path("responses").propertyNames()).as("%s in %s", endpoint, definition)
                    .containsAll(endpoint.statuses());
                assertThat(operation.path("tags").isEmpty()).as("%s has a tag", endpoint).isFalse();
            }
        }
    }

    @Test
    void casinosReadTheSeedsOwnErrorBodiesAndHowToSignTheirCalls() throws Exception {
        JsonNode casinos = definition("casinos");
        JsonNode house = casinos.path("paths").path("/api/postback/{house}/{event}").path("get").path("responses");
        JsonNode partner = casinos.path("paths").path("/postback/{key}").path("get").path("responses");
        JsonNode schemes = casinos.path("components").path("securitySchemes");

        assertThat(house.path("404").path("content").path("application/json").path("example").path("error")
            .asString()).isEqualTo("Casa de apostas não encontrada");
        assertThat(house.path("200").path("content").path("application/json").path("example").path("commission")
            .asInt()).isEqualTo(150);
        assertThat(casinos.path("paths").path("/api/postback/{house}/{event}").path("get").path("parameters")
            .toString()).contains("\"example\":\"brazino\"", "\"example\":\"joao123\"");
        assertThat(casinos.path("paths").path("/postback").path("post").path("responses").path("200")
            .path("content").path("application/json").path("example").path("message").asString())
            .isEqualTo("FTD and payout recorded");
        assertThat(partner.path("404").path("content").path("application/problem+json").path("example")
            .path("detail").asString()).isEqualTo("Invalid postback key");
        assertThat(partner.path("401").path("headers").has("WWW-Authenticate")).isTrue();
        assertThat(schemes.path("webhookSignature").path("name").asString()).isEqualTo("webhook-signature");
        assertThat(schemes.path("webhookSignatureParameters").path("name").asString())
            .isEqualTo("webhook_signature");
        assertThat(casinos.path("paths").path("/api/postback/{house}/{event}").path("get").path("parameters")
            .toString()).contains("\"webhook_signature\"");
    }

    @Test
    void publishersReadThePostbacksWeSendThemAndHowTheyAreSigned() throws Exception {
        JsonNode postback = definition("publishers").path("webhooks").path("publisherPostback");

        assertThat(postback.path("post").path("parameters").toString()).contains("\"webhook-id\"",
                "\"webhook-timestamp\"", "\"webhook-signature\"");
        assertThat(postback.path("post").path("requestBody").path("content").path("application/json")
            .path("example").path("delivery_id").asString()).isEqualTo("payout:42");
        assertThat(postback.path("get").path("responses").propertyNames()).contains("2XX", "410", "429",
                "default");
        assertThat(definition("operators").has("webhooks")).isFalse();
    }

    @Test
    void everyDefinitionCarriesATitleTheBuildsVersionADescriptionFeatureTagsAndTheAuthenticationSchemes()
            throws Exception {
        Set<String> titles = new HashSet<>();
        for (String audience : AUDIENCES) {
            JsonNode definition = definition(audience);
            assertThat(titles.add(definition.path("info").path("title").asString())).as(audience).isTrue();
            assertThat(definition.path("info").path("version").asString()).as(audience)
                .isEqualTo(System.getProperty("croupier.build.version"))
                .isNotBlank();
            assertThat(definition.path("info").path("description").asString()).as(audience).hasSizeGreaterThan(80)
                .doesNotContain("Missing right now");
            assertThat(definition.path("tags").isEmpty()).as(audience).isFalse();
            definition.path("tags").forEach(tag -> {
                assertThat(tag.path("name").asString()).as(audience).doesNotContain("controller").isNotBlank();
                assertThat(tag.path("description").asString()).as("%s: %s", audience, tag).hasSizeGreaterThan(20);
            });
            JsonNode bearer = definition.path("components").path("securitySchemes").path("bearer");
            assertThat(bearer.path("scheme").asString()).as(audience).isEqualTo("bearer");
            assertThat(unresolvedReferences(definition, definition)).as(audience).isEmpty();
        }
    }

    @Test
    void theServerIsTheAddressTheReaderCalledWhateverForwardedHeadersAClientSends() throws Exception {
        int port = URI.create(frontDoor).getPort();
        for (String called : List.of("http://127.0.0.1:" + port, "http://localhost:" + port)) {
            for (String audience : AUDIENCES) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(called + "/docs/"
                        + audience + ".json"))
                    .header("X-Forwarded-Host", "attacker.example")
                    .header("X-Forwarded-Proto", "https")
                    .header("X-Forwarded-Port", "443")
                    .header("Forwarded", "host=attacker.example;proto=https")
                    .build(), HttpResponse.BodyHandlers.ofString());
                JsonNode servers = JSON.readTree(answer.body()).path("servers");
                assertThat(servers.size()).isEqualTo(1);
                assertThat(servers.get(0).path("url").asString()).as(audience).isEqualTo(called);
            }
        }
    }

    @Test
    void eachServicesOwnPageBehindTheFrontDoorServesItsDocumentAtTheAddressTheReaderCalled() throws Exception {
        int port = URI.create(frontDoor).getPort();
        for (String called : List.of("http://127.0.0.1:" + port, "http://localhost:" + port)) {
            for (PlatformService service : PlatformService.values()) {
                String prefix = "/services/" + service.backend().serviceName();
                HttpResponse<String> page = get(called + prefix + "/docs");
                HttpResponse<String> document = HTTP.send(HttpRequest.newBuilder(URI.create(called + prefix
                        + "/openapi.json"))
                    .header("X-Forwarded-Host", "attacker.example")
                    .header("X-Forwarded-Proto", "https")
                    .header("Forwarded", "host=attacker.example;proto=https")
                    .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(page.statusCode()).as(prefix).isEqualTo(200);
                assertThat(page.body()).as(prefix).contains("SwaggerUIBundle", "\"" + prefix + "/openapi.json\"");
                assertThat(document.statusCode()).as(prefix).isEqualTo(200);
                JsonNode servers = JSON.readTree(document.body()).path("servers");
                assertThat(servers.size()).as(prefix).isEqualTo(1);
                assertThat(servers.get(0).path("url").asString()).as(prefix).isEqualTo(called + prefix);
                assertThat(JSON.readTree(document.body()).path("paths").isEmpty()).as(prefix).isFalse();
            }
        }
    }

    @Test
    void aServiceCalledDirectlyWithForwardedHeadersDoesNotLendThemToTheNextReader() throws Exception {
        String direct = platform.url(PlatformService.COMMISSION);
        HTTP.send(HttpRequest.newBuilder(URI.create(direct + "/openapi.json"))
            .header("X-Forwarded-Host", "attacker.example")
            .header("X-Forwarded-Proto", "https")
            .build(), HttpResponse.BodyHandlers.ofString());

        JsonNode servers = JSON.readTree(get(direct + "/openapi.json").body()).path("servers");
        JsonNode throughTheFrontDoor = JSON.readTree(get(frontDoor + "/services/commission-service/openapi.json")
            .body()).path("servers");

        assertThat(servers.get(0).path("url").asString()).isEqualTo(direct);
        assertThat(throughTheFrontDoor.get(0).path("url").asString())
            .isEqualTo(frontDoor + "/services/commission-service");
    }

    @Test
    void everyOperationEveryServiceDocumentsIsInAnAudiencesDefinitionAtThePathTheFrontDoorServesItAt()
            throws Exception {
        Set<String> documented = new HashSet<>();
        for (String audience : List.of("casinos", "publishers", "operators")) {
            definition(audience).path("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(method + " " + path.getKey())));
        }
        List<String> missing = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            JsonNode own = JSON.readTree(get(platform.url(service) + "/openapi.json").body());
            own.path("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
                String direct = method + " " + path.getKey();
                String prefixed = method + " /services/" + service.backend().serviceName() + path.getKey();
                if (!documented.contains(direct) && !documented.contains(prefixed)) {
                    missing.add(service + ": " + direct);
                }
            }));
        }
        assertThat(missing).isEmpty();
        assertThat(documented).contains("get /services/commission-service/admin/dead-letters",
                "get /services/publisher-forwarder/admin/secrets/encryption");
    }

    /**
     * Every operator operation is called as a careless operator would, through the front door with an administrator's
     * token: an id nothing has, and for a JSON body an empty object and text that is not JSON. Whatever error it
     * answers must be one its definition documents, as a problem; a 5xx is never right. So an operation that learns to
     * answer a new 4xx fails here until its documentation says so.
     */
    @Test
    void everyErrorAnOperatorOperationAnswersIsDocumentedAsAProblem() throws Exception {
        List<String> wrong = new ArrayList<>();
        int probed = 0;
        for (Map.Entry<String, JsonNode> path : definition("operators").path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Probe probe : Probe.of(path.getKey(), operation.getKey(), operation.getValue())) {
                    HttpResponse<String> answer = HTTP.send(probe.request(frontDoor, platform.admin.token()),
                            HttpResponse.BodyHandlers.ofString());
                    probed++;
                    JsonNode documented = operation.getValue().path("responses")
                        .path(Integer.toString(answer.statusCode()));
                    if (answer.statusCode() >= 500) {
                        wrong.add(probe + " answered " + answer.statusCode() + ": " + answer.body());
                    }
                    else if (answer.statusCode() >= 400 && documented.isMissingNode()) {
                        wrong.add(probe + " answered an undocumented " + answer.statusCode() + ": " + answer.body());
                    }
                    else if (answer.statusCode() >= 400 && !documented.path("content").has("application/problem+json")
                            && !documented.path("content").has("application/json")) {
                        wrong.add(probe + " documents " + answer.statusCode() + " without a body");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(probed).isGreaterThan(50);
    }

    @Test
    void theOperatorErrorsAreProblemsWithTheExamplesTheServicesAnswer() throws Exception {
        JsonNode paths = definition("operators").path("paths");
        JsonNode confirm = paths.path("/ledger/entries/{entryId}/confirm").path("post").path("responses");
        JsonNode offer = paths.path("/admin/offers").path("post").path("responses");
        JsonNode publisher = paths.path("/admin/publishers/{id}").path("get").path("responses");

        assertThat(confirm.path("409").path("content").path("application/problem+json").path("schema")
            .path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        assertThat(confirm.path("409").path("content").path("application/problem+json").path("examples")
            .toString()).contains("was already decided");
        assertThat(confirm.path("404").path("content").path("application/problem+json").path("example")
            .path("detail").asString()).isEqualTo("no ledger entry 9f2c1e4a");
        assertThat(offer.path("400").path("content").path("application/problem+json").path("examples").toString())
            .contains("\"errors\"", "\"field\":\"name\"");
        assertThat(offer.path("409").path("content").path("application/problem+json").path("example")
            .path("title").asString()).isEqualTo("Already used by another offer");
        assertThat(publisher.path("404").path("content").path("application/problem+json").path("example")
            .path("status").asInt()).isEqualTo(404);
        JsonNode answered = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(frontDoor
                + "/admin/publishers/999999999"))
            .header("Authorization", "Bearer " + platform.admin.token())
            .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(answered.path("detail").asString()).isEqualTo("no publisher 999999999");
        assertThat(publisher.path("404").path("content").path("application/problem+json").path("example")
            .path("detail").asString()).isEqualTo("no publisher 42");
    }

    private static List<String> unresolvedReferences(JsonNode root, JsonNode node) {
        List<String> unresolved = new ArrayList<>();
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isString()) {
            JsonNode target = root.at(ref.asString().substring(1));
            if (target.isMissingNode()) {
                unresolved.add(ref.asString());
            }
        }
        node.forEach(child -> unresolved.addAll(unresolvedReferences(root, child)));
        return unresolved;
    }

    private static JsonNode definition(String audience) throws Exception {
        HttpResponse<String> answer = get(frontDoor + "/docs/" + audience + ".json");
        assertThat(answer.statusCode()).as(audience).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One call of an operator operation that must fail, and how. */
    private record Probe(String method, String path, String body, String description) {

        private static final String NO_SUCH_ID = "999999999";

        /**
         * The calls that cannot change anything: an unknown id in every path parameter, and a body that is no valid
         * request. An operation with neither (running the pipeline, recomputing weights) is not probed, but a GET is.
         */
        static List<Probe> of(String path, String method, JsonNode operation) {
            boolean hasId = path.contains("{");
            String called = path.replaceAll("\\{[^}]+}", NO_SUCH_ID);
            boolean jsonBody = operation.path("requestBody").path("content").has("application/json");
            if (operation.has("requestBody") && !jsonBody) {
                return List.of();
            }
            List<Probe> probes = new ArrayList<>();
            if (jsonBody) {
                probes.add(new Probe(method, called, "{}", "an empty object"));
                probes.add(new Probe(method, called, "not json", "a body that is not JSON"));
            }
            else if (hasId || "get".equals(method)) {
                probes.add(new Probe(method, called, null, hasId ? "an unknown id" : "no parameters"));
            }
            return probes;
        }

        HttpRequest request(String frontDoor, String token) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(frontDoor + path))
                .header("Authorization", "Bearer " + token);
            if (body == null) {
                return request.method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody()).build();
            }
            return request.header("Content-Type", "application/json")
                .method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString(body))
                .build();
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path + " with " + description;
        }
    }

    private record SeedEndpoint(String audience, String method, String path, List<String> statuses) {

        SeedEndpoint(String audience, String method, String path, String... statuses) {
            this(audience, method, path, List.of(statuses));
        }
    }
}
