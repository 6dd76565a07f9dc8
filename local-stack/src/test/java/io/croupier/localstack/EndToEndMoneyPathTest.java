package io.croupier.localstack;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Click;
import io.croupier.events.RoutingMode;
import io.croupier.frontdoor.Backend;
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
 * The whole money path on the real broker and database, all eight services running: a click, a casino's first-deposit
 * postback for it (sent twice, as a retrying casino would), attribution to the click's publisher, the commission under
 * the offer's deal, and the publisher's payout forwarded to a local HTTP receiver exactly once.
 */
@ExtendWith(TestPlatform.Shared.class)
class EndToEndMoneyPathTest {

    private static final JsonMapper JSON = TestPlatform.JSON;

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static TestPlatform platform;

    private static DemoPublisher receiver;

    private static String edgeUrl;

    /** The stack's first administrator, logged in at identity-service like any operator. */
    private static AdminApi admin;

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
        receiver = shared.publisher();
        edgeUrl = shared.edgeUrl();
        admin = shared.admin;
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

        String commission = platform.url(PlatformService.COMMISSION);
        String itsPublisher = publisherToken(publisherId);
        HttpResponse<String> ownEntries = get(commission + "/ledger/entries?offer_id=" + offerId, itsPublisher);
        assertThat(ownEntries.statusCode()).isEqualTo(200);
        JsonNode entry = JSON.readTree(ownEntries.body()).path("items").get(0);
        assertThat(entry.path("publisher_id").asString()).isEqualTo(publisherId);
        assertThat(entry.path("publisher_payout").path("amount").asString()).isEqualTo("80.00");
        String entryUrl = commission + "/ledger/entries/" + entry.path("entry_id").asString();
        assertThat(get(entryUrl, itsPublisher).statusCode()).isEqualTo(200);
        assertThat(get(entryUrl, publisherToken(otherPublisher())).statusCode())
            .as("another publisher's account reads nothing of it, by id").isEqualTo(404);
        assertThat(get(platform.url(PlatformService.FORWARDER) + "/admin/publishers/" + publisherId + "/deliveries",
                publisherToken(otherPublisher())).statusCode()).isEqualTo(404);
    }

    @Test
    void everyOperatorApiRefusesAnonymousCallsAndAcceptsTheTokenIdentityIssued() throws Exception {
        String manager = managerToken();
        Map<PlatformService, String> operatorApis = Map.of(
                PlatformService.IDENTITY, "/me",
                PlatformService.CLICK, "/admin/offers",
                PlatformService.POSTBACK, "/admin/dead-letters?limit=1",
                PlatformService.ATTRIBUTION, "/conversions/unattributed?limit=1",
                PlatformService.COMMISSION, "/reports/offers",
                PlatformService.OPTIMIZER, "/admin/stats",
                PlatformService.FORWARDER, "/admin/publishers",
                PlatformService.ANALYTICS, "/pipeline/runs");
        assertThat(operatorApis).containsOnlyKeys(PlatformService.values());

        for (Map.Entry<PlatformService, String> api : operatorApis.entrySet()) {
            String url = platform.url(api.getKey()) + api.getValue();
            assertThat(get(url).statusCode()).as("anonymous %s", url).isEqualTo(401);
            assertThat(get(url, manager).statusCode()).as("manager %s", url).isEqualTo(200);
        }
        assertThat(get(platform.url(PlatformService.IDENTITY) + "/admin/audit", manager).statusCode())
            .as("the audit trail is for administrators").isEqualTo(403);
    }

    @Test
    void anApiKeyIsExchangedAtIdentityForATokenEveryServiceChecksOnItsOwn() throws Exception {
        String identity = platform.url(PlatformService.IDENTITY);
        JsonNode key = admin.create(identity + "/admin/api-keys", Map.of("name", "e2e BI", "role", "ANALYST"));

        HttpResponse<String> exchanged = form(edgeUrl + "/token", "grant_type=client_credentials&client_id="
                + key.path("client_id").asString() + "&client_secret=" + key.path("client_secret").asString());

        assertThat(exchanged.statusCode()).isEqualTo(200);
        String token = JSON.readTree(exchanged.body()).path("access_token").asString();
        assertThat(get(platform.url(PlatformService.COMMISSION) + "/reports/offers", token).statusCode())
            .isEqualTo(200);
        assertThat(get(platform.url(PlatformService.OPTIMIZER) + "/admin/stats", token).statusCode()).isEqualTo(200);
        assertThat(get(platform.url(PlatformService.CLICK) + "/admin/offers", token).statusCode())
            .as("an analyst's key manages no offers").isEqualTo(403);
    }

    @Test
    void anOfferChangedAtClickServiceIsInTheAuditTrailAtIdentityWithItsManager() throws Exception {
        String manager = managerToken();
        HttpResponse<String> created = post(platform.url(PlatformService.CLICK) + "/admin/offers", """
                {"name":"E2E Audited %s","casino_url":"https://e2e-audited.example/"}"""
            .formatted(UUID.randomUUID()), manager);
        assertThat(created.statusCode()).isEqualTo(201);
        String offerId = JSON.readTree(created.body()).path("id").asString();

        JsonNode trail = await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get(platform.url(
                PlatformService.IDENTITY) + "/admin/audit?service=click-service&object_type=offer&object_id="
                + offerId, admin.token()).body()).path("items"), items -> items.size() == 1);

        JsonNode record = trail.get(0);
        assertThat(record.path("action").asString()).isEqualTo("create");
        assertThat(record.path("actor").path("name").asString()).startsWith("e2e-manager-");
        assertThat(record.path("actor").path("roles").get(0).asString()).isEqualTo("MANAGER");
        assertThat(record.path("after").path("postback_secret").asString()).isEqualTo("***");
    }

    /** Logs in as a new manager account, created by the administrator as an operator would. */
    private static String managerToken() {
        return tokenOfNewAccount("MANAGER", null);
    }

    /** Logs in as a new account of the publisher {@code publisherId}. */
    private static String publisherToken(String publisherId) {
        return tokenOfNewAccount("PUBLISHER", publisherId);
    }

    /** A publisher id no test's data belongs to. */
    private static String otherPublisher() {
        return "999999999";
    }

    private static String tokenOfNewAccount(String role, String publisherId) {
        String identity = platform.url(PlatformService.IDENTITY);
        String username = "e2e-" + role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "e2e password " + username;
        Map<String, Object> account = new HashMap<>(Map.of("username", username, "password", password,
                "role", role));
        account.put("publisher_id", publisherId);
        admin.create(identity + "/admin/accounts", account);
        return AdminApi.logIn(identity, username, password).token();
    }

    @Test
    void aDisabledAccountsTokenIsRefusedByEveryServiceBeforeItExpires() throws Exception {
        String identity = platform.url(PlatformService.IDENTITY);
        String username = "e2e-leaver-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "e2e password " + username;
        long id = admin.create(identity + "/admin/accounts", Map.of("username", username, "password", password,
                "role", "MANAGER")).path("id").asLong();
        String token = AdminApi.logIn(identity, username, password).token();
        List<String> reads = List.of(edgeUrl + "/admin/offers", edgeUrl + "/reports/publishers",
                edgeUrl + "/admin/publishers", edgeUrl + "/conversions/parked/counts", edgeUrl + "/me");
        for (String read : reads) {
            assertThat(get(read, token).statusCode()).as(read).isEqualTo(200);
        }
        long issuedIn = Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().getEpochSecond() > issuedIn);

        admin.post(identity + "/admin/accounts/" + id + "/disable");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String read : reads) {
                assertThat(get(read, token).statusCode()).as(read).isEqualTo(401);
            }
        });
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
        JsonNode services = JSON.readTree(health.body()).path("services");
        assertThat(services.size()).as("every service and the console").isEqualTo(Backend.values().length);
        assertThat(services.path(Backend.CONSOLE.serviceName()).asString()).isEqualTo("UP");

        assertThat(get(edgeUrl + "/nothing-here").statusCode()).isEqualTo(404);

        HttpResponse<String> login = post(edgeUrl + "/login", """
                {"username":"%s","password":"%s"}""".formatted(DemoAccounts.ADMIN.username(),
                DemoAccounts.ADMIN.password()));
        assertThat(login.statusCode()).as("seed 002's login at the front door").isEqualTo(200);
        assertThat(JSON.readTree(login.body()).path("expires_at").asString()).isNotEmpty();
        assertThat(get(edgeUrl + "/.well-known/jwks.json").statusCode()).isEqualTo(200);
        HttpResponse<String> event = post(edgeUrl + "/event", """
                {"eventType":"level_complete","meta":"{\\"level\\":42}","userId":"e2e-edge-player"}""", admin.token());
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get(edgeUrl + "/events?playerId=e2e-edge-player", admin.token()).body()).get(0)
            .path("eventType").asString()).isEqualTo("level_complete");
        HttpResponse<String> notComputed = get(edgeUrl + "/reports/roas_d1.json?day=2001-01-01", admin.token());
        assertThat(notComputed.statusCode()).isEqualTo(404);
        assertThat(notComputed.body()).contains("POST /run-pipeline?day=2001-01-01");
    }

    @Test
    void aCasinosDepositReachesAnalyticsAsAPurchaseOfTheCampaignOfItsClick() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        JsonNode offer = admin.create(platform.url(PlatformService.CLICK) + "/admin/offers", Map.of(
                "name", "E2E Analytics " + run,
                "casino_url", "https://e2e-analytics.example/land?cid={click_id}",
                "weight", 1.0,
                "active", true,
                "house_slug", "e2e_analytics_" + run,
                "deal", Map.of("currency", "USD", "negative_carry_over", false)));
        HttpResponse<String> redirect = get(platform.url(PlatformService.CLICK) + "/click?offer="
                + offer.path("id").asString() + "&source=e2e&campaign=e2e-campaign-" + run);
        String clickId = redirect.headers().firstValue("Location").orElseThrow().replaceAll(".*cid=", "");
        String player = "e2e-player-" + run;
        String transaction = "e2e-tx-" + run;
        assertThat(post(edgeUrl + "/webhooks/gaming/deposit", """
                {"user_id":"%s","amount":42.50,"currency":"USD","transaction_id":"%s","click_id":"%s",
                 "platform":"e2e_analytics_%s","is_first_deposit":true}""".formatted(player, transaction, clickId, run))
            .statusCode()).isEqualTo(200);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        JsonNode purchase = await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(post(edgeUrl + "/run-pipeline?day=" + today, "", admin.token()).statusCode()).isEqualTo(200);
            for (JsonNode curated : JSON.readTree(get(edgeUrl + "/reports/purchases_curated?day=" + today
                    + "&limit=10000", admin.token()).body()).path("purchases")) {
                if (transaction.equals(curated.path("transactionId").asString())) {
                    return curated;
                }
            }
            return null;
        }, found -> found != null);

        assertThat(purchase.path("source").asString()).isEqualTo("croupier");
        assertThat(purchase.path("playerId").asString()).isEqualTo(player);
        assertThat(purchase.path("amount").asString()).isEqualTo("42.50");
        assertThat(purchase.path("campaign").asString()).isEqualTo("e2e-campaign-" + run);
        assertThat(purchase.path("mediaSource").asString()).isEqualTo("e2e");
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

            HttpResponse<String> computed = post(platform.url(PlatformService.OPTIMIZER) + "/admin/update-weights", "",
                    admin.token());
            assertThat(computed.statusCode()).isEqualTo(200);
            JsonNode set = JSON.readTree(computed.body());
            String weightSetId = set.path("weight_set_id").asString();
            assertThat(set.path("policy").asString()).isEqualTo("DELAY_AWARE_THOMPSON");
            assertThat(set.path("exploration_rate").asDouble()).isZero();
            JsonNode best = entry(set, converting);
            JsonNode other = entry(set, idle);
            assertThat(best.at("/evidence/observed_conversion_rate").asDouble()).isEqualTo(0.5);
            assertThat(best.at("/evidence/delay_curve/own_deposits").asLong()).isEqualTo(6);
            // Six deposits of 100, shrunk by one prior deposit toward the value every offer of the shared platform
            // shows together (other tests' offers earn less): between 600/7 and 100.
            assertThat(best.at("/evidence/value_per_conversion").asDouble()).isBetween(600.0 / 7, 100.0);
            assertThat(other.at("/evidence/observed_conversion_rate").asDouble()).isZero();
            assertThat(best.path("weight").asDouble()).isEqualTo(1.0);
            // Idle's twelve fresh clicks are mostly not due to have deposited yet, so its chance of being the best is
            // small but not nil: Thompson draws decide how small.
            assertThat(other.path("weight").asDouble()).isLessThan(0.25);

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
                // Routed by the set's weights: Converting's count is binomial around its share; four standard
                // deviations below its mean is far beyond chance, and far above an even split.
                double share = best.path("weight").asDouble()
                        / (best.path("weight").asDouble() + other.path("weight").asDouble());
                double expected = 200 * share;
                double spread = Math.sqrt(200 * share * (1 - share));
                assertThat(events.stream().filter(click -> click.getOfferId().equals(converting)).count())
                    .isGreaterThanOrEqualTo((long) Math.floor(expected - 4 * spread))
                    .isGreaterThan(140);
            }
        }
        finally {
            setActive(switchedOff, true);
        }
    }

    /** Whether the optimizer has the test's clicks, deposits and revenue, and sees the other offers switched off. */
    private boolean optimizerSees(String converting, String idle, List<String> switchedOff) throws Exception {
        JsonNode stats = JSON.readTree(get(platform.url(PlatformService.OPTIMIZER) + "/admin/stats", admin.token())
            .body());
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
                .header("Authorization", "Bearer " + admin.token())
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

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> form(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
