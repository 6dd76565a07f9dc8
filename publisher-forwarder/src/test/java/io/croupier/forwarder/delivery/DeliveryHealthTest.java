package io.croupier.forwarder.delivery;

import java.time.Duration;
import java.time.Instant;

import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.PublisherReceiver;
import io.croupier.forwarder.PublisherReceiver.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /admin/deliveries/health}: the deliveries of a range by state, and how long the delivered ones took. */
class DeliveryHealthTest extends ForwarderIntegrationTest {

    private final PublisherReceiver healthy = PublisherReceiver.start();

    private final PublisherReceiver failing = PublisherReceiver.start().always(Reply.status(500));

    @AfterEach
    void stopReceivers() {
        healthy.close();
        failing.close();
    }

    @Test
    void deliveredAndRetryingDeliveriesOfTheRangeAreCountedForAllPublishersOrOneWithTheLatencyOfTheDelivered() {
        Instant from = Instant.now();
        long paid = createPublisher(healthy.url("/pb?c={click_id}"), "GET").id();
        long down = createPublisher(failing.url("/pb?c={click_id}"), "GET").id();
        PayoutDue first = payout(paid, "4.00", "USD");
        PayoutDue second = payout(paid, "6.00", "USD");
        PayoutDue stuck = payout(down, "5.00", "EUR");
        send(first);
        send(second);
        send(stuck);
        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(first.getEventId()))
                && "DELIVERED".equals(state(second.getEventId())));
        await().atMost(DELIVERED_WITHIN).until(() -> delivery(stuck.getEventId()).path("attempts").asInt() >= 1);

        Instant to = Instant.now().plus(Duration.ofMinutes(1));
        JsonNode all = health(from, to, "");
        JsonNode ofPaid = health(from, to, "&publisher_id=" + paid);
        JsonNode ofDown = health(from, to, "&publisher_id=" + down);

        // The whole service's range also holds what other tests' payouts delivered meanwhile.
        assertThat(all.path("delivered").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(all.path("retrying").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(all.path("endpoints_disabled").isNumber()).isTrue();
        assertThat(ofPaid.path("delivered").asLong()).isEqualTo(2);
        assertThat(ofPaid.path("retrying").asLong()).isZero();
        assertThat(ofPaid.path("latency_p95_seconds").asDouble()).isPositive()
            .isGreaterThanOrEqualTo(ofPaid.path("latency_p50_seconds").asDouble());
        assertThat(ofDown.path("delivered").asLong()).isZero();
        assertThat(ofDown.path("retrying").asLong()).isEqualTo(1);
        assertThat(ofDown.path("dead").asLong()).isZero();
        assertThat(ofDown.path("latency_p50_seconds").isNull()).isTrue();
        assertThat(ofDown.path("endpoints_disabled").asLong()).isZero();
    }

    private JsonNode health(Instant from, Instant to, String filter) {
        return http.get()
            .uri("/admin/deliveries/health?from={from}&to={to}" + filter, from, to)
            .retrieve()
            .body(JsonNode.class);
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsABadRequestProblem() {
        int status = http.get()
            .uri("/admin/deliveries/health?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
            .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(400);
    }
}
