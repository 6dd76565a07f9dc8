package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.schemas.Topic;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform, started exactly as {@link LocalStack} starts it (on any free ports instead of the documented
 * ones) once for every test class of this module that asks for it with {@code @ExtendWith(TestPlatform.Shared.class)},
 * and stopped after the last one, before the broker and the database: the eight services on the in-process broker
 * and database, the operator console, the front door, a demo publisher receiving the forwarded postbacks, the demo
 * accounts and the demo catalogue taken from the seeds (so the seeds' URLs, keys and names work as written).
 */
final class TestPlatform implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Pattern CLICK_ID = Pattern.compile("(?:click_id|cid|ref)=([0-9A-Z]{26})");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final RunningPlatform services;

    final DemoPublisher demoPublisher;

    final FrontDoor frontDoor;

    final OperatorConsole console;

    /** The stack's first administrator, logged in at identity-service like any operator. */
    final AdminApi admin;

    private TestPlatform(RunningPlatform services, DemoPublisher demoPublisher, OperatorConsole console,
            FrontDoor frontDoor, AdminApi admin) {
        this.services = services;
        this.demoPublisher = demoPublisher;
        this.console = console;
        this.frontDoor = frontDoor;
        this.admin = admin;
    }

    private static TestPlatform start() {
        InProcessKafka kafka = TestInfrastructure.kafka();
        InProcessPostgres postgres = TestInfrastructure.postgres();
        DemoPublisher demoPublisher = DemoPublisher.start(0);
        RunningPlatform.SettingsChoice stack = LocalStack.localSettings(TestStackKeys.SHARED, demoPublisher);
        RunningPlatform services = RunningPlatform.start(new Infrastructure(kafka.bootstrapServers(),
                postgres.jdbcUrl(), postgres.username(), postgres.password()), service -> 0, (service, issuer) -> {
                    Map<String, String> settings = new LinkedHashMap<>(stack.settings(service, issuer));
                    // The build machine is shared: a seed 003 answer may wait longer than a casino would.
                    settings.put("croupier.postback.commission-wait", "30s");
                    return settings;
                });
        OperatorConsole console = OperatorConsole.start(0, services);
        FrontDoor frontDoor = FrontDoor.start(services, console,
                StackOptions.parse(new String[0]).frontDoorAddress(), List.of(0));
        AdminApi admin = AdminApi.logIn(services.url(PlatformService.IDENTITY), DemoAccounts.ADMIN.username(),
                DemoAccounts.ADMIN.password());
        TestPlatform started = new TestPlatform(services, demoPublisher, console, frontDoor, admin);
        new DemoData(admin).load(services.url(PlatformService.CLICK), services.url(PlatformService.POSTBACK),
                services.url(PlatformService.FORWARDER), services.url(PlatformService.IDENTITY),
                demoPublisher.postbackUrl());
        started.awaitCommissionAnswers();
        return started;
    }

    String edgeUrl() {
        return frontDoor.url();
    }

    String url(PlatformService service) {
        return services.url(service);
    }

    <T> T bean(PlatformService service, Class<T> type) {
        return services.bean(service, type);
    }

    DemoPublisher publisher() {
        return demoPublisher;
    }

    /** Creates an offer or a publisher through the owning service's admin API. */
    JsonNode create(PlatformService service, String path, Map<String, Object> body) {
        return admin.create(url(service) + path, body);
    }

    /** The demo catalogue's offer of that name. */
    JsonNode offer(String name) {
        return admin.list(url(PlatformService.CLICK) + "/admin/offers").stream()
            .filter(offer -> name.equals(offer.path("name").asString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no demo offer " + name));
    }

    /** The demo publisher of that username. */
    JsonNode publisherNamed(String username) {
        return admin.list(url(PlatformService.FORWARDER) + "/admin/publishers").stream()
            .filter(publisher -> username.equals(publisher.path("username").asString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no demo publisher " + username));
    }

    /**
     * A visitor's click through the front door, sent to the offer for the publisher; the redirect must carry the click
     * id into the offer's URL. Clicks again until click-service knows the publisher (it learns publishers from their
     * topic), and returns once attribution-service has stored the click, so a conversion without click id can be
     * matched to it.
     */
    String click(JsonNode offer, JsonNode publisher, String moreQuery) {
        String query = "offer=" + offer.path("id").asString() + "&pub=" + publisher.path("username").asString()
                + (moreQuery.isEmpty() ? "" : "&" + moreQuery);
        return await().atMost(PATIENCE).until(() -> {
            String clickId = clickId(get(edgeUrl() + "/click?" + query));
            String storedPublisher = JSON.readTree(awaitStored(clickId).body()).at("/click/publisher_id").asString();
            return publisher.path("id").asString().equals(storedPublisher) ? clickId : null;
        }, clickId -> clickId != null);
    }

    private HttpResponse<String> awaitStored(String clickId) {
        return await().atMost(PATIENCE).until(() -> read(url(PlatformService.ATTRIBUTION) + "/clicks/" + clickId),
                stored -> stored.statusCode() == 200);
    }

    /** The click id the redirect carries into the casino's URL. */
    static String clickId(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as("the click redirects").isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        Matcher clickId = CLICK_ID.matcher(location);
        assertThat(clickId.find()).as("the click id in %s", location).isTrue();
        return clickId.group(1);
    }

    /** Every ledger entry a postback caused, its own first, once the conversion has been commissioned. */
    List<JsonNode> ledgerOf(long postbackLogId) {
        String url = url(PlatformService.COMMISSION) + "/ledger/entries?input_event_id=attributed:postback:"
                + postbackLogId;
        return await().atMost(PATIENCE).until(() -> admin.list(url), entries -> !entries.isEmpty());
    }

    /** The publisher postback a ledger entry caused: its {@code webhook-id} is the payout event's id. */
    DemoPublisher.ReceivedPostback forwarded(JsonNode entry) {
        String webhookId = "payout:" + entry.path("entry_id").asString();
        return await().atMost(PATIENCE).until(() -> demoPublisher.received().stream()
            .filter(postback -> webhookId.equals(postback.headers().get("webhook-id")))
            .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The payout the publisher postback of a ledger entry named, as {@code {"amount", "currency"}}. */
    JsonNode forwardedPayout(JsonNode entry) {
        DemoPublisher.ReceivedPostback postback = forwarded(entry);
        if ("POST".equals(postback.method())) {
            JsonNode body = JSON.readTree(postback.body());
            return JSON.createObjectNode()
                .put("amount", body.path("payout").decimalValue().toPlainString())
                .put("currency", body.path("currency").asString());
        }
        Map<String, String> query = new HashMap<>();
        for (String parameter : URI.create(postback.uri()).getRawQuery().split("&")) {
            int equals = parameter.indexOf('=');
            query.put(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        return JSON.createObjectNode().put("amount", query.get("payout")).put("currency", query.get("currency"));
    }

    /** Whether the ledger entry caused a publisher postback (so far). */
    boolean wasForwarded(JsonNode entry) {
        String webhookId = "payout:" + entry.path("entry_id").asString();
        return demoPublisher.received()
            .stream()
            .anyMatch(postback -> webhookId.equals(postback.headers().get("webhook-id")));
    }

    /** An offerwall user's points at commission-service, 0 when none were ever credited. */
    String points(JsonNode publisher, String user) {
        HttpResponse<String> balance = read(url(PlatformService.COMMISSION) + "/publishers/"
                + publisher.path("id").asString() + "/users/" + user + "/points");
        if (balance.statusCode() == 404) {
            return "0";
        }
        assertThat(balance.statusCode()).as(balance.body()).isEqualTo(200);
        return JSON.readTree(balance.body()).path("points").decimalValue().stripTrailingZeros().toPlainString();
    }

    /** Holds attribution-service's consumer of a topic, so what arrives on it waits (a late click, a backlog). */
    MessageListenerContainer attributionListenerOf(Topic<String, ?> topic) {
        return bean(PlatformService.ATTRIBUTION, KafkaListenerEndpointRegistry.class).getListenerContainers()
            .stream()
            .filter(container -> List.of(container.getContainerProperties().getTopics()).contains(topic.name()))
            .findFirst()
            .orElseThrow();
    }

    /** A call as a casino or a visitor makes it: no token. */
    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** An operator API read, with the administrator's token. */
    HttpResponse<String> read(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + admin.token()).GET());
    }

    /** An operator API action without a body, with the administrator's token. */
    HttpResponse<String> act(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + admin.token())
            .POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seed 003 answers wait for the ledger entry; the reader must have its partitions before the first postback. */
    private void awaitCommissionAnswers() {
        KafkaListenerEndpointRegistry listeners = bean(PlatformService.POSTBACK, KafkaListenerEndpointRegistry.class);
        await().atMost(PATIENCE).until(() -> {
            MessageListenerContainer reader = listeners.getListenerContainer("postback-service-commissions");
            return reader != null && reader.getAssignedPartitions() != null
                    && reader.getAssignedPartitions().size() == Topics.LEDGER_ENTRIES.partitions();
        });
    }

    @Override
    public void close() {
        frontDoor.close();
        console.close();
        services.close();
        demoPublisher.close();
    }

    /** Hands the one platform to any test method, constructor or {@code @BeforeAll} that declares it. */
    static final class Shared implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
            return parameter.getParameter().getType() == TestPlatform.class;
        }

        @Override
        public TestPlatform resolveParameter(ParameterContext parameter, ExtensionContext extension) {
            return extension.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestPlatform.class, key -> start(), TestPlatform.class);
        }
    }
}
