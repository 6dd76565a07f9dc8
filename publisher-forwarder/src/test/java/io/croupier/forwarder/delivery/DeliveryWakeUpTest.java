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
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stored payout wakes the scheduler: with a poll interval of an hour, a new payout is still sent at once. Its own
 * context on a schema of its own, with Kafka consumption off, so no other scheduler can send it.
 */
class DeliveryWakeUpTest {

    private static final String SCHEMA = "forwarder_wake_up";

    @Test
    void aNewPayoutIsSentWithoutWaitingForThePoll() {
        try (PublisherReceiver receiver = PublisherReceiver.start();
                ConfigurableApplicationContext service = new SpringApplicationBuilder(
                        PublisherForwarderApplication.class)
                    .initializers(new EmbeddedInfrastructureInitializer())
                    .run("--server.port=0", "--spring.flyway.schemas=" + SCHEMA,
                            "--spring.flyway.default-schema=" + SCHEMA, "--spring.kafka.listener.auto-startup=false",
                            "--croupier.forwarder.ssrf.allowed=" + PublisherReceiver.HOST,
                            "--croupier.forwarder.delivery.poll-interval=1h")) {
            long publisherId = createPublisher(service, receiver.url("/pb?c={click_id}"));

            service.getBean(PayoutIntake.class).on(List.of(payout(publisherId)));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() == 1);
            assertThat(receiver.requests().get(0).query("c")).isEqualTo("CLK-wake-up");
        }
    }

    private static long createPublisher(ConfigurableApplicationContext service, String url) {
        return RestClient.builder()
            .baseUrl("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"))
            .defaultHeader("Authorization", TestInfrastructure.issuer().bearer(TestIssuer.MANAGER))
            .build()
            .post()
            .uri("/admin/publishers")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", "Wake-up", "username", "wake-up-" + UUID.randomUUID(), "postback_url", url,
                    "payout_terms", Map.of("revshare_percent", 80)))
            .retrieve()
            .body(JsonNode.class)
            .get("id")
            .asLong();
    }

    private static PayoutDue payout(long publisherId) {
        return PayoutDue.newBuilder()
            .setEventId("payout:" + UUID.randomUUID())
            .setPublisherId(Long.toString(publisherId))
            .setOfferId("7")
            .setClickId("CLK-wake-up")
            .setEvent(ConversionKind.FTD)
            .setStatus(ConversionStatus.APPROVED)
            .setPayout(new Money(new BigDecimal("4.00").toPlainString(), "USD"))
            .setOccurredAt(Instant.now())
            .build();
    }
}
