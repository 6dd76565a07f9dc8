package io.croupier.localstack;

import java.nio.charset.StandardCharsets;
import java.net.Socket;
import io.croupier.embedded.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Click;
import io.croupier.events.RoutingMode;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The whole money path on the real broker and database, all six services running: a click, a casino's first-deposit
 * postback for it (sent twice, as a retrying casino would), attribution to the click's publisher, the commission under
 * the offer's deal, and the publisher's payout forwarded to a local HTTP receiver exactly once.
 */
class EndToEndMoneyPathTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static RunningPlatform platform;

    private static DemoPublisher receiver;

    private static EdgeRouter edge;

    private static String edgeUrl;

    private final AdminApi admin = new AdminApi();

    @BeforeAll
    static void startPlatform() {
        InProcessKafka kafka = TestInfrastructure.kafka();
        InProcessPostgres postgres = TestInfrastructure.postgres();
        receiver = DemoPublisher.start(0);
        platform = RunningPlatform.start(new Infrastructure(kafka.bootstrapServers(), postgres.jdbcUrl(),
                postgres.username(), postgres.password()), service -> 0, LocalStack.localSettings());
        int edgePort = FreePorts.next();
        edge = EdgeRouter.start(platform, List.of(edgePort));
        edgeUrl = "http://127.0.0.1:" + edgePort;
    }

    @AfterAll
    static void stopPlatform() {
        edge.close();
        platform.close();
        receiver.close();
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
        assertThat(redirect.statusCode()).as("the redirect is passed on, not followed").isIn(302, 503);

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

    /**
     * Real clicks and first deposits of two offers (the others are switched off meanwhile), weighed by the optimizer's
     * default policy from what attribution and commission made of them, and the next clicks routed by click-service
     * with the set it consumed.
     */
    @Test
    void theDefaultPolicyWeighsRealConversionsAndClickServiceRoutesTheNextClicksByItsSet() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String secret = "e2e-converting-" + run;
        String converting = admin.create(platform.url(PlatformService.CLICK) + "/admin/offers", Map.of(
                "name", "E2E Converting " + run,
                "casino_url", "https://e2e-converting.example/land?cid={click_id}",
                "postback_secret", secret,
                "deal", Map.of("currency", "USD"))).path("id").asString();
        String idle = admin.create(platform.url(PlatformService.CLICK) + "/admin/offers", Map.of(
                "name", "E2E Idle " + run,
                "casino_url", "https://e2e-idle.example/land?cid={click_id}",
                "deal", Map.of("currency", "USD"))).path("id").asString();
        List<String> switchedOff = admin.list(platform.url(PlatformService.CLICK) + "/admin/offers?active_only=true")
            .stream()
            .map(offer -> offer.path("id").asString())
            .filter(id -> !id.equals(converting) && !id.equals(idle))
            .toList();
        try {
            setActive(switchedOff, false);
            List<String> convertingClicks = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                convertingClicks.add(clickId(get(platform.url(PlatformService.CLICK) + "/click?offer=" + converting)));
                clickId(get(platform.url(PlatformService.CLICK) + "/click?offer=" + idle));
            }
            // Half of Converting's visitors deposit; each first deposit pays 100 USD (the deal pays what is reported).
            for (String clickId : convertingClicks.subList(0, 6)) {
                HttpResponse<String> postback = post(platform.url(PlatformService.POSTBACK) + "/postback", """
                        {"click_id":"%s","event":"ftd","payout":100.00,"secret":"%s"}""".formatted(clickId, secret));
                assertThat(postback.statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> optimizerSees(converting, idle, switchedOff));

            HttpResponse<String> computed = post(platform.url(PlatformService.OPTIMIZER) + "/admin/update-weights", "");
            assertThat(computed.statusCode()).isEqualTo(200);
            JsonNode set = JSON.readTree(computed.body());
            String weightSetId = set.path("weight_set_id").asString();
            assertThat(set.path("policy").asString()).isEqualTo("DELAY_AWARE_THOMPSON");
            assertThat(set.path("exploration_rate").asDouble()).isZero();
            JsonNode best = entry(set, converting);
            JsonNode other = entry(set, idle);
            assertThat(best.at("/evidence/observed_conversion_rate").asDouble()).isEqualTo(0.5);
            assertThat(best.at("/evidence/delay_curve/own_deposits").asLong()).isEqualTo(6);
            assertThat(best.at("/evidence/value_per_conversion").asDouble()).isCloseTo(100, within(1.0));
            assertThat(other.at("/evidence/observed_conversion_rate").asDouble()).isZero();
            assertThat(best.path("weight").asDouble()).isEqualTo(1.0);
            assertThat(other.path("weight").asDouble()).isLessThan(0.05);

            String clickUrl = platform.url(PlatformService.CLICK) + "/click?source=e2e-weights-" + run;
            try (KafkaConsumer<String, SpecificRecord> clicks = clickConsumer()) {
                // click-service routes by the set once it has consumed it; the schedule may publish newer ones since.
                await().atMost(Duration.ofSeconds(30))
                    .until(() -> routedBy(awaitClick(clicks, clickId(get(clickUrl)))) >= Long.parseLong(weightSetId));
                List<String> routed = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    routed.add(clickId(get(clickUrl)));
                }
                Collection<Click> events = awaitClicks(clicks, routed);

                assertThat(events).allSatisfy(click -> {
                    assertThat(routedBy(click)).isGreaterThanOrEqualTo(Long.parseLong(weightSetId));
                    assertThat(click.getRouting()).isEqualTo(RoutingMode.WEIGHTED);
                    assertThat(click.getOfferId()).isIn(converting, idle);
                });
                // Converting's share is about 98 %, Idle's the floor: 180 of 200 is far beyond chance.
                assertThat(events.stream().filter(click -> click.getOfferId().equals(converting)).count())
                    .isGreaterThanOrEqualTo(180);
            }
        }
        finally {
            setActive(switchedOff, true);
        }
    }

    /** Whether the optimizer has the test's clicks, deposits and revenue, and sees the other offers switched off. */
    private boolean optimizerSees(String converting, String idle, List<String> switchedOff) throws Exception {
        JsonNode stats = JSON.readTree(get(platform.url(PlatformService.OPTIMIZER) + "/admin/stats").body());
        boolean seen = false;
        for (JsonNode row : stats) {
            String id = row.path("id").asString();
            if (id.equals(converting)) {
                seen = row.path("total_clicks").asLong() == 12 && row.path("total_ftds").asLong() == 6
                        && row.path("total_payout").decimalValue().compareTo(new BigDecimal("600")) == 0;
            }
            if (id.equals(idle) && row.path("total_clicks").asLong() != 12
                    || switchedOff.contains(id) && row.path("active").asBoolean()) {
                return false;
            }
        }
        return seen;
    }

    private void setActive(List<String> offers, boolean active) throws Exception {
        for (String offer : offers) {
            HttpResponse<String> updated = HTTP.send(HttpRequest.newBuilder(URI.create(
                    platform.url(PlatformService.CLICK) + "/admin/offers/" + offer))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"active\":" + active + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(updated.statusCode()).isEqualTo(200);
        }
    }

    private static JsonNode entry(JsonNode set, String offerId) {
        for (JsonNode entry : set.path("weights")) {
            if (entry.path("id").asString().equals(offerId)) {
                return entry;
            }
        }
        throw new AssertionError("offer " + offerId + " not in weight set " + set);
    }

    private static long routedBy(Click click) {
        return click.getWeightSetId() == null ? 0 : Long.parseLong(click.getWeightSetId());
    }

    /** The click id a redirect carries in its offer URL. */
    private static String clickId(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).isEqualTo(302);
        return redirect.headers().firstValue("Location").orElseThrow().replaceAll(".*cid=([0-9A-Z]{26}).*", "$1");
    }

    private static Collection<Click> awaitClicks(KafkaConsumer<String, SpecificRecord> clicks, List<String> ids) {
        Map<String, Click> found = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, SpecificRecord> record : clicks.poll(Duration.ofMillis(200))) {
                if (ids.contains(record.key())) {
                    found.put(record.key(), (Click) record.value());
                }
            }
            return found.size() == ids.size();
        });
        return found.values();
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
