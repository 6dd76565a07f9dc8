package io.croupier.localstack;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole money path on the real broker and database, all six services running: a click, a casino's first-deposit
 * postback for it (sent twice, as a retrying casino would), attribution to the click's publisher, the commission under
 * the offer's deal, and the publisher's payout forwarded to a local HTTP receiver exactly once.
 */
@ExtendWith(TestPlatform.Resolver.class)
class EndToEndMoneyPathTest {

    private static final JsonMapper JSON = TestPlatform.JSON;

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static TestPlatform platform;

    private static DemoPublisher receiver;

    private static String edgeUrl;

    private final AdminApi admin = new AdminApi();

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
        receiver = shared.publisher();
        edgeUrl = shared.edgeUrl();
    }

    @Test
    void aFirstDepositPostbackPaysThePublisherExactlyOnceEvenWhenTheCasinoSendsItTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String secret = "e2e-secret-" + run;
        JsonNode offer = admin.create(platform.url(PlatformService.CLICK) + "/admin/offers", Map.of(
                "name", "E2E Casino " + run,
                "casino_url", "https://e2e-casino.example/land?cid={click_id}",
                "weight", 1.0,
                "active", true,
                "postback_secret", secret,
                "deal", Map.of("currency", "USD", "negative_carry_over", false)));
        String username = "e2e-" + run;
        JsonNode publisher = admin.create(platform.url(PlatformService.FORWARDER) + "/admin/publishers", Map.of(
                "name", "E2E Publisher " + run,
                "username", username,
                "postback_url", receiver.postbackUrl() + "?click_id={click_id}&payout={payout}&currency={currency}",
                "method", "GET",
                "payout_terms", Map.of("revshare_percent", 80),
                "offer_terms", Map.of(),
                "rate_limit_per_second", 50,
                "offerwall", false,
                "active", true));
        String offerId = offer.path("id").asString();
        String publisherId = publisher.path("id").asString();

        String clickId = clickAttributedTo(offerId, publisherId, username);

        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> postback = post(platform.url(PlatformService.POSTBACK) + "/postback", """
                    {"click_id":"%s","event":"ftd","payout":100.00,"secret":"%s"}""".formatted(clickId, secret));
            assertThat(postback.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(postback.body()).path("status").asString()).isEqualTo("success");
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> forwardedFor(clickId).size() == 1);
        DemoPublisher.ReceivedPostback forwarded = forwardedFor(clickId).get(0);
        assertThat(forwarded.uri()).contains("payout=80.00").contains("currency=USD");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
            .until(() -> forwardedFor(clickId).size() == 1);
    }

    @Test
    void everyServiceAnswersHealthAtBothPathsAndServesItsApiDocs() throws Exception {
        for (PlatformService service : PlatformService.values()) {
            for (String path : List.of("/health", "/actuator/health")) {
                HttpResponse<String> health = get(platform.url(service) + path);
                assertThat(health.statusCode()).as("%s %s", service, path).isEqualTo(200);
                assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
            }
            assertThat(get(platform.url(service) + "/openapi.json").statusCode()).as("%s openapi", service)
                .isEqualTo(200);
            assertThat(get(platform.url(service) + "/docs").statusCode()).as("%s docs", service).isIn(200, 302);
        }
    }

    @Test
    void theFrontDoorServesTheSeedsUrlsFromTheServiceThatOwnsThem() throws Exception {
        HttpResponse<String> test = get(edgeUrl + "/api/analytics/postback/test");
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(test.body()).path("status").asString()).isEqualTo("online");

        HttpResponse<String> unknownHouse = get(edgeUrl + "/api/postback/nowhere/deposit?subid=joao123&amount=10");
        assertThat(unknownHouse.statusCode()).isEqualTo(404);
        assertThat(unknownHouse.body()).startsWith("{\"error\":\"Casa de apostas não encontrada\",\"logId\":");

        HttpResponse<String> redirect = get(edgeUrl + "/click?source=facebook&campaign=winter2024");
        assertThat(redirect.statusCode()).as("the redirect is passed on, not followed").isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).as("to one of the seeds' casinos")
            .hasValueSatisfying(location -> assertThat(location).matches("https://[a-z0-9-]+\\.example/.*"));

        HttpResponse<String> health = get(edgeUrl + "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("services").size()).isEqualTo(PlatformService.values().length);

        assertThat(get(edgeUrl + "/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void literalMacrosThroughTheFrontDoorReachThePostbackServiceAndAreNamedInItsError() {
        String key = "e2e-key-" + UUID.randomUUID().toString().substring(0, 8);
        admin.create(platform.url(PlatformService.CLICK) + "/admin/offers", Map.of(
                "name", "E2E Partner " + key,
                "casino_url", "https://e2e-partner.example/offer",
                "weight", 1.0,
                "active", true,
                "partner_key", key,
                "deal", Map.of("currency", "USD", "negative_carry_over", false)));

        String answer = await().atMost(Duration.ofSeconds(30))
            .until(() -> rawGet(edgeUrl, "/postback/" + key + "?click_id={click_id}&payout={payout}"),
                    response -> !response.contains(" 404 "));

        assertThat(answer).as("unencoded braces, as a misconfigured partner sends them")
            .startsWith("HTTP/1.1 400")
            .contains("{click_id}");
    }

    /** Sends the request line byte for byte: Java's own clients refuse to send '{' in a URI. */
    private static String rawGet(String baseUrl, String pathAndQuery) throws Exception {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void weightsTheOptimizerComputesOnDemandRouteTheNextClicksWithoutARestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        admin.create(platform.url(PlatformService.CLICK) + "/admin/offers", Map.of(
                "name", "E2E Weighted " + run,
                "casino_url", "https://e2e-weighted.example/land?cid={click_id}",
                "weight", 1.0,
                "active", true,
                "deal", Map.of("currency", "USD", "negative_carry_over", false)));
        String weightSetId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> computed = post(platform.url(PlatformService.OPTIMIZER) + "/admin/update-weights", "");
            return computed.statusCode() == 200 ? JSON.readTree(computed.body()).path("weight_set_id").asString() : "";
        }, id -> !id.isEmpty());

        try (KafkaConsumer<String, SpecificRecord> clicks = clickConsumer()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> redirect = get(platform.url(PlatformService.CLICK) + "/click?source=e2e-weights");
                assertThat(redirect.statusCode()).isEqualTo(302);
                String location = redirect.headers().firstValue("Location").orElseThrow();
                String clickId = location.replaceAll(".*(?:cid|click_id|ref)=([0-9A-Z]{26}).*", "$1");
                return weightSetId.equals(awaitClick(clicks, clickId).getWeightSetId());
            });
        }
    }

    /**
     * Clicks until click-service has learned the publisher from its topic, and returns a click whose event names that
     * publisher; the redirect itself must carry the click id into the offer's URL.
     */
    private String clickAttributedTo(String offerId, String publisherId, String username) {
        try (KafkaConsumer<String, SpecificRecord> clicks = clickConsumer()) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> redirect = HTTP.send(HttpRequest.newBuilder(URI.create(
                        platform.url(PlatformService.CLICK) + "/click?offer=" + offerId + "&pub=" + username
                                + "&source=e2e")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(redirect.statusCode()).isEqualTo(302);
                String location = redirect.headers().firstValue("Location").orElseThrow();
                assertThat(location).startsWith("https://e2e-casino.example/land?cid=");
                String clickId = location.substring(location.indexOf("cid=") + 4);
                Click click = awaitClick(clicks, clickId);
                return publisherId.equals(click.getPublisherId()) ? Optional.of(clickId) : Optional.<String>empty();
            }, Optional::isPresent).orElseThrow();
        }
    }

    private static Click awaitClick(KafkaConsumer<String, SpecificRecord> clicks, String clickId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (ConsumerRecord<String, SpecificRecord> record : clicks.poll(Duration.ofMillis(200))) {
                if (clickId.equals(record.key())) {
                    return (Click) record.value();
                }
            }
            return null;
        }, click -> click != null);
    }

    private static KafkaConsumer<String, SpecificRecord> clickConsumer() {
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "group.id", "e2e-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new AvroSingleObjectDeserializer());
        consumer.subscribe(List.of(Topics.CLICKS.name()));
        return consumer;
    }

    private static List<DemoPublisher.ReceivedPostback> forwardedFor(String clickId) {
        return receiver.received().stream().filter(postback -> postback.uri().contains("click_id=" + clickId)).toList();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
