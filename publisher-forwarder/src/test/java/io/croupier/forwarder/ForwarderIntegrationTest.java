package io.croupier.forwarder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PayoutDue;
import io.croupier.events.Tracking;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Every Spring test of this module extends this class, so they all share one context: one broker, one database, short
 * retry schedules, and 127.0.0.2 (where {@link PublisherReceiver} listens) explicitly allowed by the SSRF policy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "croupier.forwarder.ssrf.allowed=" + PublisherReceiver.HOST + "/32",
        "croupier.forwarder.delivery.schedule=0s,300ms,300ms,300ms",
        "croupier.forwarder.delivery.jitter=0",
        "croupier.forwarder.delivery.timeout=1s",
        "croupier.forwarder.delivery.poll-interval=50ms",
        "croupier.forwarder.endpoint.rate-limit-wait=0ms",
        "croupier.events.retry.max-retries=2",
        "croupier.events.retry.initial-interval=50ms" })
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
public abstract class ForwarderIntegrationTest {

    protected static final Duration DELIVERED_WITHIN = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    protected RestClient http;

    @BeforeEach
    void httpClient() {
        http = RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultHeader("Authorization", TestInfrastructure.issuer().bearer(TestIssuer.MANAGER))
            .build();
    }

    /** Creates a publisher through the admin API; returns its id and the signing secret shown once. */
    protected CreatedPublisher createPublisher(String postbackUrl, String method) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", "Test publisher");
        request.put("username", "pub-" + UUID.randomUUID().toString().substring(0, 12));
        request.put("postback_url", postbackUrl);
        request.put("method", method);
        request.put("payout_terms", Map.of("revshare_percent", 80));
        request.put("rate_limit_per_second", 1000);
        JsonNode created = http.post()
            .uri("/admin/publishers")
            .contentType(MediaType.APPLICATION_JSON)
            .body(request)
            .retrieve()
            .body(JsonNode.class);
        return new CreatedPublisher(created.get("id").asLong(), created.get("signing_secret").asString());
    }

    protected PayoutDue payout(long publisherId, String amount, String currency) {
        String entryId = UUID.randomUUID().toString();
        return PayoutDue.newBuilder()
            .setEventId("payout:" + entryId)
            .setPublisherId(Long.toString(publisherId))
            .setOfferId("7")
            .setClickId("CLK-" + entryId.substring(0, 8))
            .setTransactionId("TXN-" + entryId.substring(0, 8))
            .setEvent(ConversionKind.CONVERSION)
            .setStatus(ConversionStatus.APPROVED)
            .setPayout(new Money(new BigDecimal(amount).toPlainString(), currency))
            .setTracking(Tracking.newBuilder().setSub1("campaign a&b").build())
            .setOccurredAt(Instant.now())
            .build();
    }

    protected void send(PayoutDue payout) {
        try {
            kafka.send(Topics.PAYOUTS.name(), payout.getPublisherId(), payout).get(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected JsonNode delivery(String id) {
        return http.get().uri("/admin/deliveries/{id}", id).retrieve().body(JsonNode.class);
    }

    protected String state(String deliveryId) {
        return http.get()
            .uri("/admin/deliveries/{id}", deliveryId)
            .exchange((request, response) -> response.getStatusCode().value() == 404 ? "ABSENT"
                    : response.bodyTo(JsonNode.class).get("state").asString());
    }

    protected int replayStatus(String deliveryId) {
        Integer status = http.post()
            .uri("/admin/deliveries/{id}/replay", deliveryId)
            .exchange((request, response) -> response.getStatusCode().value());
        return status;
    }

    protected record CreatedPublisher(long id, String secret) {
    }
}
