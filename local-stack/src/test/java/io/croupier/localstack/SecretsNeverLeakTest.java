package io.croupier.localstack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.croupier.embedded.FreePorts;
import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.secrets.webhook.WebhookSecret;
import io.croupier.secrets.webhook.WebhookSignatures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full run of the platform, its console captured from before the first service starts: the demo data, every seed's
 * flow through the front door (the simulation, with a platform that signs its webhooks), wrong secrets and keys, every
 * rotation, signed, unsigned, stale and replayed calls. Afterwards no secret the run used may be found in a log line,
 * in any table of any service, on any topic, in any metric, or in the answer to any refused call. The secrets looked
 * for are collected in {@link KnownSecrets} as the run makes or hands them out.
 */
class SecretsNeverLeakTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final Set<String> SCHEMAS = Set.of("click", "postback", "attribution", "commission", "optimizer",
            "forwarder", "identity");

    private static final KnownSecrets SECRETS = new KnownSecrets();

    private static final List<HttpResponse<String>> REFUSALS = new CopyOnWriteArrayList<>();

    private static AdminApi ADMIN;

    private static ConsoleCapture console;

    private static RunningPlatform platform;

    private static DemoPublisher publisher;

    private static OperatorConsole operatorConsole;

    private static FrontDoor frontDoor;

    private static String edgeUrl;

    private static int simulatedAnswers;

    private static CasinoCredentials credentials;

    @BeforeAll
    static void runThePlatformThroughEveryFlow() throws Exception {
        console = ConsoleCapture.start();
        StackKeys keys = TestStackKeys.SHARED;
        SECRETS.add("offer secret digest key", keys.digestKey());
        SECRETS.addKeyset("encryption keyset", keys.keyset());
        InProcessKafka kafka = TestInfrastructure.kafka();
        InProcessPostgres postgres = TestInfrastructure.postgres();
        publisher = DemoPublisher.start(0);
        SECRETS.add("identity signing keys key", keys.signingKeysKey());
        RunningPlatform.SettingsChoice stack = LocalStack.localSettings(keys, publisher);
        platform = RunningPlatform.start(new Infrastructure(kafka.bootstrapServers(), postgres.jdbcUrl(),
                postgres.username(), postgres.password()), service -> 0, (service, issuer) -> {
                    Map<String, String> settings = new LinkedHashMap<>(stack.settings(service, issuer));
                    settings.put("logging.level.io.croupier", "DEBUG");
                    return settings;
                });
        operatorConsole = OperatorConsole.start(0, platform);
        frontDoor = FrontDoor.start(platform, operatorConsole, StackOptions.LOOPBACK, List.of(0));
        edgeUrl = frontDoor.url();

        ADMIN = AdminApi.logIn(url(PlatformService.IDENTITY), DemoAccounts.ADMIN.username(),
                DemoAccounts.ADMIN.password());
        DemoAccounts.ALL.forEach(account -> SECRETS.add("demo account password", account.password()));
        SECRETS.add("bearer token", ADMIN.token());
        new DemoData(ADMIN).load(url(PlatformService.CLICK), url(PlatformService.POSTBACK),
                url(PlatformService.FORWARDER), url(PlatformService.IDENTITY), publisher.postbackUrl());
        apiKeyIssuedAndExchanged();
        SECRETS.add("seed 001 postback secret", DemoData.SEED_001_SECRET);
        SECRETS.add("seed 004 partner key", DemoData.PARTNER_KEY);
        publisherSecretsRotatedAndChosen();
        simulatedAnswers = everySeedsFlowThroughTheFrontDoor();
        signedWebhooksOfThePlatformThatRequiresThem();
        wrongSecretsAndKeys();
        offerSecretRotations();
        signedGetPostbacksOfAHouse();
        encryptionKeyRotationRuns();
        AtomicInteger lastSeen = new AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).during(Duration.ofSeconds(4))
            .until(() -> publisher.received().size(), count -> count == lastSeen.getAndSet(count));
    }

    @AfterAll
    static void stop() {
        frontDoor.close();
        operatorConsole.close();
        platform.close();
        publisher.close();
        console.close();
    }

    @Test
    void theRunReallyUsedEveryKindOfSecretAndEveryFlow() {
        assertThat(SECRETS.kinds()).contains("seed 001 postback secret", "seed 004 partner key",
                "rotated postback secret", "rotated partner key", "publisher signing secret",
                "rotated publisher signing secret", "inbound signing secret", "wrong postback secret",
                "wrong partner key", "encryption keyset", "offer secret digest key");
        assertThat(simulatedAnswers).isGreaterThan(20);
        List<String> outcomes = postbackOutcomes();
        assertThat(outcomes).contains("SUCCESS", "ERROR_INVALID_KEY", "ERROR_SIGNATURE_MISSING",
                "ERROR_SIGNATURE_INVALID", "ERROR_SIGNATURE_STALE", "ERROR_SIGNATURE_REPLAYED", "ERROR_VALIDATION");
        assertThat(signedWebhooksAccepted()).as("the signed platform's webhooks").isPositive();
        assertThat(publisher.received()).as("payouts forwarded, signed").isNotEmpty()
            .allSatisfy(received -> assertThat(received.headers()).containsKey("webhook-signature"));
        assertThat(console.text()).as("the capture saw every service's logs")
            .contains("Tomcat started on port " + platform.port(PlatformService.CLICK))
            .contains("Tomcat started on port " + platform.port(PlatformService.FORWARDER));
    }

    @Test
    void noSecretAppearsInAnyLogLine() {
        assertThat(SECRETS.findIn("the console", console.text())).isEmpty();
    }

    @Test
    void noSecretAppearsInAnyTableOfAnyService() {
        JdbcClient jdbc = database();
        List<String> tables = jdbc.sql("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_schema in (:schemas) and table_type = 'BASE TABLE'""")
            .param("schemas", SCHEMAS)
            .query(String.class)
            .list();
        assertThat(tables).contains("postback.postback_logs", "click.offers", "forwarder.publishers",
                "postback.inbound_policies");
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            jdbc.sql("select t::text from " + table + " t").query(String.class).list()
                .forEach(row -> found.addAll(SECRETS.findIn(table, row)));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void noSecretTravelsOnAnyTopic() {
        List<String> found = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                        "group.id", "leak-scan-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Collection<String> topics = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith("croupier.")).toList();
            assertThat(topics).contains("croupier.offers", "croupier.publishers", "croupier.conversions-reported");
            consumer.subscribe(topics);
            int quietPolls = 0;
            while (quietPolls < 5) {
                var records = consumer.poll(Duration.ofMillis(500));
                quietPolls = records.isEmpty() ? quietPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    found.addAll(SECRETS.findIn(record.topic(), text(record.key()) + " " + text(record.value())));
                    for (Header header : record.headers()) {
                        found.addAll(SECRETS.findIn(record.topic() + " header", text(header.value())));
                    }
                }
            }
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(found).isEmpty();
    }

    /** Every metric of every service with every value of every tag, as the metrics endpoint lists them. */
    @Test
    void noSecretAppearsInAnyMetric() throws Exception {
        List<String> found = new ArrayList<>();
        int metrics = 0;
        for (PlatformService service : PlatformService.values()) {
            HttpResponse<String> names = get(url(service) + "/actuator/metrics");
            assertThat(names.statusCode()).isEqualTo(200);
            for (JsonNode name : JSON.readTree(names.body()).path("names")) {
                HttpResponse<String> metric = get(url(service) + "/actuator/metrics/" + name.asString());
                found.addAll(SECRETS.findIn(service + " metric " + name.asString(), metric.body()));
                metrics++;
            }
        }
        assertThat(metrics).isGreaterThan(100);
        assertThat(found).isEmpty();
    }

    @Test
    void noSecretAppearsInTheAnswerToAnyRefusedCall() {
        assertThat(REFUSALS).hasSizeGreaterThan(10);
        List<String> found = new ArrayList<>();
        for (HttpResponse<String> refusal : REFUSALS) {
            found.addAll(SECRETS.findIn(refusal.request().method() + " " + refusal.statusCode(),
                    refusal.body() + " " + refusal.headers().map()));
        }
        assertThat(found).isEmpty();
    }

    // The flows.

    /** Publishers' signing secrets: the demo's rotated (they are shown once), and one chosen by its operator. */
    private static void publisherSecretsRotatedAndChosen() {
        for (JsonNode demo : ADMIN.list(url(PlatformService.FORWARDER) + "/admin/publishers")) {
            SECRETS.add("rotated publisher signing secret", WebhookSecret.parse(ADMIN.post(
                    url(PlatformService.FORWARDER) + "/admin/publishers/" + demo.path("id").asLong()
                            + "/signing-secret").path("signing_secret").asString()));
        }
        WebhookSecret chosen = WebhookSecret.generate();
        SECRETS.add("publisher signing secret", chosen);
        ADMIN.create(url(PlatformService.FORWARDER) + "/admin/publishers", Map.of("name", "Leak check",
                "username", "leak-" + UUID.randomUUID().toString().substring(0, 8), "postback_url",
                publisher.postbackUrl() + "?c={click_id}", "method", "POST", "signing_secret", chosen.value(),
                "payout_terms", Map.of("revshare_percent", 80)));
    }

    /** A machine client's API key, shown once, exchanged for a token as a casino's BI script would. */
    private static void apiKeyIssuedAndExchanged() throws Exception {
        JsonNode key = ADMIN.create(url(PlatformService.IDENTITY) + "/admin/api-keys",
                Map.of("name", "leak check", "role", "ANALYST"));
        String clientId = key.path("client_id").asString();
        String clientSecret = key.path("client_secret").asString();
        SECRETS.add("API key secret", clientSecret);
        HttpResponse<String> exchanged = HTTP.send(HttpRequest.newBuilder(URI.create(url(PlatformService.IDENTITY)
                + "/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                    + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&client_secret="
                    + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        SECRETS.add("API key token", JSON.readTree(exchanged.body()).path("access_token").asString());
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(url(PlatformService.IDENTITY)
                + "/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"wrong-password-"
                    + UUID.randomUUID() + "\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    /** The simulation plays every seed's casinos, the signed platform among them. */
    private static int everySeedsFlowThroughTheFrontDoor() throws Exception {
        credentials = CasinoCredentials.handedOut(ADMIN, url(PlatformService.CLICK),
                url(PlatformService.POSTBACK), ADMIN.list(url(PlatformService.CLICK) + "/admin/offers"));
        credentials.postbackSecrets().forEach((offer, secret) -> SECRETS.add("rotated postback secret", secret));
        SECRETS.add("inbound signing secret", credentials.signedPlatformSecret());
        awaitReplicated(credentials.postbackSecrets().get("Casino Beta"));
        try (LedgerTap ledger = new LedgerTap(TestInfrastructure.kafka().bootstrapServers(), Instant.now())) {
            SimulationSummary summary = new Simulation(edgeUrl, credentials).run(60, publisher, ledger);
            assertThat(summary.render()).doesNotContain(" → 401").doesNotContain(" → 403");
        }
        HttpResponse<String> troubleshooting = post(edgeUrl + "/webhooks/gaming/deposit",
                "{\"user_id\":\"test\",\"amount\":10.0,\"transaction_id\":\"test_tx-" + UUID.randomUUID() + "\"}");
        assertThat(troubleshooting.statusCode()).as("seed 000's troubleshooting example").isEqualTo(200);
        return database().sql("select count(*) from postback.postback_logs where outcome = 'SUCCESS'")
            .query(Integer.class).single();
    }

    /**
     * The simulation signs the signed platform's webhooks only for the visitors routing sends there; these are sent
     * whatever routing did: valid, resent (the same message: its duplicate), its id replayed over another body,
     * signed with another secret, unsigned.
     */
    private static void signedWebhooksOfThePlatformThatRequiresThem() throws Exception {
        String body = """
                {"user_id":"leak-%s","platform":"%s","registration_method":"email","country":"BR"}"""
            .formatted(UUID.randomUUID(), DemoData.SIGNED_PLATFORM);
        long now = Instant.now().getEpochSecond();
        String id = "msg-" + UUID.randomUUID();
        HttpRequest signed = signedRegistration(credentials.signedPlatformSecret(), id, now, body);
        assertThat(send(signed).statusCode()).isEqualTo(200);
        HttpResponse<String> resent = send(signed);
        assertThat(resent.statusCode()).as("resent").isEqualTo(200);
        assertThat(JSON.readTree(resent.body()).path("duplicate").asBoolean()).as("resent").isTrue();
        assertThat(send(signedRegistration(credentials.signedPlatformSecret(), id, now,
                body.replace("\"BR\"", "\"PT\""))).statusCode()).as("id replayed over another body").isEqualTo(401);
        assertThat(send(signedRegistration(WebhookSecret.generate(), "msg-" + UUID.randomUUID(), now, body))
            .statusCode()).isEqualTo(401);
        assertThat(post(edgeUrl + "/webhooks/gaming/registration", body).statusCode()).isEqualTo(401);
    }

    private static HttpRequest signedRegistration(WebhookSecret secret, String id, long timestamp, String body) {
        return CasinoScenario.signedWebhook(edgeUrl + "/webhooks/gaming/registration", secret, id, timestamp, body);
    }

    private static void wrongSecretsAndKeys() throws Exception {
        String wrongSecret = "wrong-secret-" + UUID.randomUUID();
        String wrongNumber = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        String wrongKey = "wrong-key-" + UUID.randomUUID().toString().substring(0, 8);
        SECRETS.add("wrong postback secret", wrongSecret);
        SECRETS.add("wrong postback secret", wrongNumber);
        SECRETS.add("wrong partner key", wrongKey);
        String houseToken = "tok-" + UUID.randomUUID();
        SECRETS.add("house token", houseToken);
        post(edgeUrl + "/postback", """
                {"click_id":"x","event":"ftd","payout":1,"secret":"%s"}""".formatted(wrongSecret));
        post(edgeUrl + "/postback", """
                {"click_id":"x","event":"ftd","payout":1,"secret":%s}""".formatted(wrongNumber));
        post(edgeUrl + "/postback", """
                {"click_id":"x","event":"ftd","payout":"lots","secret":"%s"}""".formatted(DemoData.SEED_001_SECRET));
        get(edgeUrl + "/postback/" + wrongKey + "?click_id=CLK-1&status=approved&payout=5.00");
        get(edgeUrl + "/postback/" + DemoData.PARTNER_KEY + "?status=approved&payout=5.00");
        get(edgeUrl + "/api/postback/brazino/registration?subid=nobody&amount=0&token=" + houseToken);
    }

    /** An offer's own secret and key, rotated: the old ones are refused, the new ones shown once and accepted. */
    private static void offerSecretRotations() throws Exception {
        String chosenSecret = "your-secure-secret-token-" + UUID.randomUUID().toString().substring(0, 6);
        String chosenKey = "leak-key-" + UUID.randomUUID().toString().substring(0, 8);
        SECRETS.add("seed 001 postback secret", chosenSecret);
        SECRETS.add("seed 004 partner key", chosenKey);
        JsonNode offer = ADMIN.create(url(PlatformService.CLICK) + "/admin/offers", Map.of("name", "Leak Casino",
                "casino_url", "https://leak-casino.example/r?c={click_id}", "postback_secret", chosenSecret,
                "partner_key", chosenKey, "deal", Map.of("currency", "USD")));
        long id = offer.path("id").asLong();
        awaitReplicated(chosenSecret);
        String rotatedSecret = ADMIN.post(url(PlatformService.CLICK) + "/admin/offers/" + id + "/postback-secret")
            .path("postback_secret").asString();
        String rotatedKey = ADMIN.post(url(PlatformService.CLICK) + "/admin/offers/" + id + "/partner-key")
            .path("partner_key").asString();
        SECRETS.add("rotated postback secret", rotatedSecret);
        SECRETS.add("rotated partner key", rotatedKey);
        awaitReplicated(rotatedSecret);
        assertThat(post(edgeUrl + "/postback", """
                {"click_id":"%s","event":"ftd","payout":5,"secret":"%s"}""".formatted(UUID.randomUUID(),
                chosenSecret)).statusCode()).isEqualTo(403);
        assertThat(post(edgeUrl + "/postback", """
                {"click_id":"%s","event":"ftd","payout":5,"secret":"%s"}""".formatted(UUID.randomUUID(),
                rotatedSecret)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(edgeUrl + "/postback/" + rotatedKey
                + "?click_id=CLK-" + UUID.randomUUID()).statusCode() == 200);
        assertThat(get(edgeUrl + "/postback/" + chosenKey + "?click_id=CLK-2").statusCode()).isEqualTo(404);
        ADMIN.get(url(PlatformService.CLICK) + "/admin/offers/" + id);
    }

    /** A house that requires signed GET postbacks: valid, wrong, stale, replayed and unsigned calls. */
    private static void signedGetPostbacksOfAHouse() throws Exception {
        long id = ADMIN.create(url(PlatformService.CLICK) + "/admin/offers", Map.of("name", "Leak House",
                "casino_url", "https://leak-house.example/r", "house_slug", "leak_house",
                "deal", Map.of("cpa_amount", 50, "min_deposit", 10, "currency", "BRL"))).path("id").asLong();
        String policy = url(PlatformService.POSTBACK) + "/admin/inbound-auth/" + id;
        await().atMost(Duration.ofSeconds(30)).until(() -> get(policy).statusCode() == 200);
        WebhookSecret secret = WebhookSecret.parse(ADMIN.post(policy + "/signing-secret").path("signing_secret")
            .asString());
        SECRETS.add("inbound signing secret", secret);
        ADMIN.put(policy, Map.of("signature_required", true));
        WebhookSecret rotated = WebhookSecret.parse(ADMIN.post(policy + "/signing-secret?keep_previous_hours=1")
            .path("signing_secret").asString());
        SECRETS.add("inbound signing secret", rotated);
        String path = "/api/postback/leak_house/registration";
        String valid = signedQuery(rotated, "msg-" + UUID.randomUUID(), Instant.now().getEpochSecond(), path);
        assertThat(get(edgeUrl + path + "?" + valid).statusCode()).isEqualTo(200);
        get(edgeUrl + path + "?" + valid);
        get(edgeUrl + path + "?" + signedQuery(WebhookSecret.generate(), "msg-" + UUID.randomUUID(),
                Instant.now().getEpochSecond(), path));
        get(edgeUrl + path + "?" + signedQuery(secret, "msg-" + UUID.randomUUID(),
                Instant.now().getEpochSecond() - 3600, path));
        get(edgeUrl + path + "?subid=joao123&amount=0");
        ADMIN.get(policy);
    }

    /** The re-encryption both services that store secrets run after a key rotation, run on demand. */
    private static void encryptionKeyRotationRuns() {
        for (PlatformService service : List.of(PlatformService.POSTBACK, PlatformService.FORWARDER)) {
            assertThat(ADMIN.post(url(service) + "/admin/secrets/encryption/re-encrypt").path("columns")).isNotEmpty();
        }
    }

    // Helpers.

    private static String signedQuery(WebhookSecret secret, String id, long timestamp, String path) {
        String content = path + "?amount=0&subid=joao123";
        String signature = WebhookSignatures.sign(secret.key(), id, timestamp,
                content.getBytes(StandardCharsets.UTF_8));
        return "subid=joao123&amount=0&webhook_id=" + id + "&webhook_timestamp=" + timestamp + "&webhook_signature="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }

    /** postback-service learns offers from the offers topic: wait until this secret authenticates there. */
    private static void awaitReplicated(String postbackSecret) {
        await().atMost(Duration.ofSeconds(30)).until(() -> post(url(PlatformService.POSTBACK) + "/postback",
                "{\"click_id\":\"probe\",\"event\":\"probe\",\"secret\":\"" + postbackSecret + "\",\"payout\":\"x\"}")
            .statusCode() == 400);
    }

    private static List<String> postbackOutcomes() {
        return database().sql("select distinct outcome from postback.postback_logs").query(String.class).list();
    }

    private static long signedWebhooksAccepted() {
        return database().sql("""
                select count(*) from postback.postback_logs
                where outcome = 'SUCCESS' and body like '%' || :platform || '%'""")
            .param("platform", DemoData.SIGNED_PLATFORM)
            .query(Long.class)
            .single();
    }

    private static JdbcClient database() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        return JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password()));
    }

    private static String url(PlatformService service) {
        return platform.url(service);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Casinos and visitors call anonymously; operator paths with the administrator's token. */
    private static HttpRequest getRequest(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (url.contains("/admin/") || url.contains("/actuator/")) {
            request.header("Authorization", "Bearer " + ADMIN.token());
        }
        return request.build();
    }

    private static HttpRequest postRequest(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return send(getRequest(url));
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return send(postRequest(url, json));
    }

    /** Sends and keeps every refused call's answer for the error-body scan. */
    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            REFUSALS.add(response);
        }
        return response;
    }
}
