package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.embedded.FreePorts;
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
 * The whole platform, started once for every end-to-end test of the JVM and closed when they are all done: the six
 * services on the in-process broker and database, the front door, a demo publisher receiving the forwarded
 * postbacks, and the demo catalogue taken from the seeds (so the seeds' URLs, keys and names work as written).
 * Test classes get it as a parameter of a {@code @BeforeAll} method through {@link Resolver}.
 */
final class TestPlatform implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Pattern CLICK_ID = Pattern.compile("(?:click_id|cid|ref)=([0-9A-Z]{26})");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final RunningPlatform platform;

    private final DemoPublisher publisher;

    private final EdgeRouter edge;

    private final String edgeUrl;

    private TestPlatform(RunningPlatform platform, DemoPublisher publisher, EdgeRouter edge, String edgeUrl) {
        this.platform = platform;
        this.publisher = publisher;
        this.edge = edge;
        this.edgeUrl = edgeUrl;
    }

    private static TestPlatform start() {
        InProcessKafka kafka = TestInfrastructure.kafka();
        InProcessPostgres postgres = TestInfrastructure.postgres();
        DemoPublisher publisher = DemoPublisher.start(0);
        Map<String, String> settings = new HashMap<>(LocalStack.localSettings());
        // The build machine is shared: a seed 003 answer may wait longer than a casino would for its commission.
        settings.put("croupier.postback.commission-wait", "30s");
        RunningPlatform platform = RunningPlatform.start(new Infrastructure(kafka.bootstrapServers(),
                postgres.jdbcUrl(), postgres.username(), postgres.password()), service -> 0, settings);
        int edgePort = FreePorts.next();
        EdgeRouter edge = EdgeRouter.start(platform, List.of(edgePort));
        TestPlatform started = new TestPlatform(platform, publisher, edge, "http://127.0.0.1:" + edgePort);
        new DemoData().load(platform.url(PlatformService.CLICK), platform.url(PlatformService.FORWARDER),
                publisher.postbackUrl());
        started.awaitCommissionAnswers();
        return started;
    }

    String edgeUrl() {
        return edgeUrl;
    }

    String url(PlatformService service) {
        return platform.url(service);
    }

    <T> T bean(PlatformService service, Class<T> type) {
        return platform.bean(service, type);
    }

    DemoPublisher publisher() {
        return publisher;
    }

    /** Creates an offer or a publisher through the owning service's admin API. */
    JsonNode create(PlatformService service, String path, Map<String, Object> body) {
        return new AdminApi().create(url(service) + path, body);
    }

    /** The demo catalogue's offer of that name. */
    JsonNode offer(String name) {
        return new AdminApi().list(url(PlatformService.CLICK) + "/admin/offers").stream()
            .filter(offer -> name.equals(offer.path("name").asString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no demo offer " + name));
    }

    /** The demo publisher of that username. */
    JsonNode publisherNamed(String username) {
        return new AdminApi().list(url(PlatformService.FORWARDER) + "/admin/publishers").stream()
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
            String clickId = clickId(get(edgeUrl + "/click?" + query));
            String storedPublisher = JSON.readTree(awaitStored(clickId).body()).at("/click/publisher_id").asString();
            return publisher.path("id").asString().equals(storedPublisher) ? clickId : null;
        }, clickId -> clickId != null);
    }

    private HttpResponse<String> awaitStored(String clickId) {
        return await().atMost(PATIENCE).until(() -> get(url(PlatformService.ATTRIBUTION) + "/clicks/" + clickId),
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
        return await().atMost(PATIENCE).until(() -> new AdminApi().list(url), entries -> !entries.isEmpty());
    }

    /** The publisher postback a ledger entry caused: its {@code webhook-id} is the payout event's id. */
    DemoPublisher.ReceivedPostback forwarded(JsonNode entry) {
        String webhookId = "payout:" + entry.path("entry_id").asString();
        return await().atMost(PATIENCE).until(() -> publisher.received().stream()
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
        return publisher.received()
            .stream()
            .anyMatch(postback -> webhookId.equals(postback.headers().get("webhook-id")));
    }

    /** An offerwall user's points at commission-service, 0 when none were ever credited. */
    String points(JsonNode publisher, String user) {
        HttpResponse<String> balance = get(url(PlatformService.COMMISSION) + "/publishers/"
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

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
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
        edge.close();
        platform.close();
        publisher.close();
    }

    /** Gives a test class the one platform of the JVM; JUnit closes it after the last test. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestPlatform.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestPlatform.class, type -> start(), TestPlatform.class);
        }
    }
}
