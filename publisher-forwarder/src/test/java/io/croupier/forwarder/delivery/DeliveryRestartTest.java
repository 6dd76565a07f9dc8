package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PayoutDue;
import io.croupier.forwarder.PublisherForwarderApplication;
import io.croupier.forwarder.PublisherReceiver;
import io.croupier.forwarder.PublisherReceiver.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the whole service between a failed attempt and its retry, then starts a new one. It runs its own two contexts
 * on a schema of their own, with Kafka consumption off, so the shared test context cannot make the retry for it.
 */
class DeliveryRestartTest {

    private static final String SCHEMA = "forwarder_restart";

    @Test
    void aRetryScheduledBeforeARestartStillHappensOnceAfterIt() {
        try (PublisherReceiver receiver = PublisherReceiver.start()) {
            receiver.then(Reply.status(500));
            PayoutDue payout = payout();

            try (ConfigurableApplicationContext before = startService()) {
                long publisherId = createPublisher(before, receiver.url("/pb?c={click_id}&p={payout}"));
                payout.setPublisherId(Long.toString(publisherId));
                before.getBean(PayoutIntake.class).on(List.of(payout));
                await().atMost(Duration.ofSeconds(20)).until(() -> attempts(before, payout) == 1);
            }
            assertThat(receiver.requests()).hasSize(1);

            try (ConfigurableApplicationContext after = startService()) {
                await().atMost(Duration.ofSeconds(20))
                    .until(() -> "DELIVERED".equals(http(after).get().uri("/admin/deliveries/{id}", payout.getEventId())
                        .retrieve().body(JsonNode.class).get("state").asString()));
                assertThat(attempts(after, payout)).isEqualTo(2);
            }
            assertThat(receiver.requests()).hasSize(2);
            assertThat(receiver.requests().get(1).headers().get("webhook-id")).isEqualTo(payout.getEventId());
        }
    }

    private static ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(PublisherForwarderApplication.class)
            .initializers(new EmbeddedInfrastructureInitializer())
            .run("--server.port=0", "--spring.flyway.schemas=" + SCHEMA, "--spring.flyway.default-schema=" + SCHEMA,
                    "--spring.kafka.listener.auto-startup=false",
                    "--croupier.forwarder.ssrf.allowed=" + PublisherReceiver.HOST,
                    "--croupier.forwarder.delivery.schedule=0s,2s,2s", "--croupier.forwarder.delivery.jitter=0",
                    "--croupier.forwarder.delivery.poll-interval=100ms");
    }

    private static long createPublisher(ConfigurableApplicationContext service, String url) {
        return http(service).post()
            .uri("/admin/publishers")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", "Restart", "username", "restart-" + UUID.randomUUID(), "postback_url", url,
                    "payout_terms", Map.of("revshare_percent", 80)))
            .retrieve()
            .body(JsonNode.class)
            .get("id")
            .asLong();
    }

    private static int attempts(ConfigurableApplicationContext service, PayoutDue payout) {
        return service.getBean(DeliveryLog.class).find(payout.getEventId())
            .map(delivery -> delivery.attemptLog().size())
            .orElse(0);
    }

    private static RestClient http(ConfigurableApplicationContext service) {
        return RestClient.builder()
            .baseUrl("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"))
            .defaultHeader("Authorization", TestInfrastructure.issuer().bearer(TestIssuer.MANAGER))
            .build();
    }

    private static PayoutDue payout() {
        return PayoutDue.newBuilder()
            .setEventId("payout:" + UUID.randomUUID())
            .setPublisherId("0")
            .setOfferId("7")
            .setClickId("CLK-restart")
            .setEvent(ConversionKind.FTD)
            .setStatus(ConversionStatus.APPROVED)
            .setPayout(new Money(new BigDecimal("4.00").toPlainString(), "USD"))
            .setOccurredAt(Instant.now())
            .build();
    }
}
