package io.croupier.forwarder.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.PublisherReceiver.Received;
import io.croupier.forwarder.PublisherReceiver.Reply;
import io.croupier.forwarder.PublisherReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class DeliveryTest extends ForwarderIntegrationTest {

    private static final String TEMPLATE = "/postback?click_id={click_id}&payout={payout}&currency={currency}"
            + "&status={status}&event={event}&offer_id={offer_id}&transaction_id={transaction_id}&sub1={sub1}";

    private final PublisherReceiver receiver = PublisherReceiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aPayoutReachesThePublisherOnceWithItsMacrosFilledInAndUrlEncoded() {
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));
        assertThat(receiver.requests()).hasSize(1);
        Received request = receiver.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query("payout")).isEqualTo("4.00");
        assertThat(request.query("currency")).isEqualTo("USD");
        assertThat(request.query("status")).isEqualTo("approved");
        assertThat(request.query("event")).isEqualTo("conversion");
        assertThat(request.query("click_id")).isEqualTo(payout.getClickId());
        assertThat(request.query("transaction_id")).isEqualTo(payout.getTransactionId());
        assertThat(request.uri().getRawQuery()).contains("sub1=campaign%20a%26b");
        JsonNode log = delivery(payout.getEventId());
        assertThat(log.get("attempts").asInt()).isEqualTo(1);
        assertThat(log.get("attempt_log").get(0).get("status_code").asInt()).isEqualTo(200);
        assertThat(log.get("attempt_log").get(0).get("outcome").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void theReceiverCanVerifyTheStandardWebhooksSignatureAndDeduplicateByWebhookId() {
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue payout = payout(publisher.id(), "12.5", "EUR");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests().size() == 1);
        Received request = receiver.requests().get(0);
        assertThat(request.headers().get("webhook-id")).isEqualTo(payout.getEventId());
        assertThat(Long.parseLong(request.headers().get("webhook-timestamp")))
            .isCloseTo(Instant.now().getEpochSecond(), within(30L));
        assertThat(request.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(request.signatureVerifies(publisher.secret())).isTrue();
        String otherSecret = createPublisher(receiver.url(TEMPLATE), "GET").secret();
        assertThat(request.signatureVerifies(otherSecret)).isFalse();
    }

    @Test
    void aPostPublisherGetsTheSignedJsonBodyWithTheExactPayout() {
        CreatedPublisher publisher = createPublisher(receiver.url("/hook?id={delivery_id}"), "POST");
        PayoutDue payout = payout(publisher.id(), "2.80", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests().size() == 1);
        Received request = receiver.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        assertThat(request.signatureVerifies(publisher.secret())).isTrue();
        JsonNode body = JsonMapper.builder().build().readTree(request.body());
        assertThat(body.get("payout").decimalValue()).isEqualByComparingTo("2.80");
        assertThat(request.body()).contains("\"payout\":2.80");
        assertThat(body.get("currency").asString()).isEqualTo("USD");
        assertThat(body.get("click_id").asString()).isEqualTo(payout.getClickId());
        assertThat(request.query("id")).isEqualTo(payout.getEventId());
    }

    @Test
    void aDuplicatePayoutEventCausesOneDelivery() {
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");
        PayoutDue marker = payout(publisher.id(), "1.00", "USD");

        send(payout);
        send(payout);
        send(marker);

        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(marker.getEventId())));
        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));
        assertThat(receiver.requests()).extracting(r -> r.headers().get("webhook-id"))
            .containsOnlyOnce(payout.getEventId());
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetriedUntilItSucceeds() {
        receiver.then(Reply.status(500).body("database down"));
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));
        assertThat(receiver.requests()).hasSize(2);
        JsonNode attempts = delivery(payout.getEventId()).get("attempt_log");
        assertThat(attempts.get(0).get("status_code").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).get("response_excerpt").asString()).isEqualTo("database down");
        assertThat(attempts.get(1).get("status_code").asInt()).isEqualTo(200);
        Duration gap = Duration.between(receiver.requests().get(0).at(), receiver.requests().get(1).at());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aResponseSlowerThanTheTimeoutIsAFailureAndRetried() {
        receiver.then(Reply.status(200).after(Duration.ofSeconds(3)));
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));
        JsonNode first = delivery(payout.getEventId()).get("attempt_log").get(0);
        assertThat(first.get("outcome").asString()).isEqualTo("TIMED_OUT");
        assertThat(first.get("status_code").isNull()).isTrue();
        assertThat(first.get("latency_ms").asInt()).isBetween(900, 2500);
        assertThat(delivery(payout.getEventId()).get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aRedirectIsNeverFollowedAndCountsAsAFailure() {
        receiver.then(Reply.status(302).header("Location", receiver.url("/elsewhere")));
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));
        assertThat(receiver.requests()).extracting(r -> r.uri().getPath()).containsExactly("/postback", "/postback");
        JsonNode first = delivery(payout.getEventId()).get("attempt_log").get(0);
        assertThat(first.get("outcome").asString()).isEqualTo("REDIRECTED");
        assertThat(first.get("status_code").asInt()).isEqualTo(302);
    }

    @Test
    void goneDisablesThePublishersEndpointUntilAnAdminUpdatesIt() {
        receiver.then(Reply.status(410));
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue first = payout(publisher.id(), "4.00", "USD");
        PayoutDue second = payout(publisher.id(), "5.00", "USD");

        send(first);
        await().atMost(DELIVERED_WITHIN).until(() -> "DEAD".equals(state(first.getEventId())));
        send(second);
        await().atMost(DELIVERED_WITHIN).until(() -> "DEAD".equals(state(second.getEventId())));

        assertThat(receiver.requests()).hasSize(1);
        JsonNode view = http.get().uri("/admin/publishers/{id}", publisher.id()).retrieve().body(JsonNode.class);
        assertThat(view.get("endpoint_disabled_at").isNull()).isFalse();
        assertThat(replayStatus(first.getEventId())).isEqualTo(409);

        http.put().uri("/admin/publishers/{id}", publisher.id())
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", "Fixed", "username", view.get("username").asString(), "postback_url",
                    receiver.url(TEMPLATE), "payout_terms", Map.of("revshare_percent", 80)))
            .retrieve()
            .toBodilessEntity();
        http.post().uri("/admin/publishers/{id}/dead-letters/replay", publisher.id()).retrieve().toBodilessEntity();

        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(first.getEventId()))
                && "DELIVERED".equals(state(second.getEventId())));
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void theTroubledEndpointsAreTheDisabledOnesAndThoseWhoseBreakerOpened() {
        receiver.always(Reply.status(500));
        CreatedPublisher failing = createPublisher(receiver.url(TEMPLATE), "GET");
        PublisherReceiver gone = PublisherReceiver.start().always(Reply.status(410));
        CreatedPublisher disabled = createPublisher(gone.url(TEMPLATE), "GET");
        CreatedPublisher healthy = createPublisher(receiver.url(TEMPLATE), "GET");
        try {
            PayoutDue toTheGone = payout(disabled.id(), "4.00", "USD");
            send(toTheGone);
            for (int i = 0; i < 4; i++) {
                send(payout(failing.id(), "4.00", "USD"));
            }
            await().atMost(DELIVERED_WITHIN).until(() -> "DEAD".equals(state(toTheGone.getEventId())));

            JsonNode open = await().atMost(DELIVERED_WITHIN).until(() -> troubled(failing.id()),
                    endpoint -> endpoint != null && "OPEN".equals(endpoint.get("breaker").asString()));
            JsonNode gone410 = troubled(disabled.id());

            assertThat(open.get("disabled_at").isNull()).isTrue();
            assertThat(gone410.get("disabled_at").isNull()).isFalse();
            assertThat(gone410.get("breaker").asString()).isEqualTo("CLOSED");
            assertThat(troubled(healthy.id())).isNull();
            Integer notOurCursor = http.get().uri("/admin/deliveries/endpoints?cursor=yesterday")
                .exchange((request, response) -> response.getStatusCode().value());
            assertThat(notOurCursor).isEqualTo(400);
        }
        finally {
            gone.close();
        }
    }

    /** The endpoint of the publisher among the troubled ones, every page read; null when it is not troubled. */
    private JsonNode troubled(long publisherId) {
        String cursor = null;
        do {
            JsonNode page = http.get()
                .uri(cursor == null ? "/admin/deliveries/endpoints?limit=2"
                        : "/admin/deliveries/endpoints?limit=2&cursor=" + cursor)
                .retrieve()
                .body(JsonNode.class);
            for (JsonNode endpoint : page.get("items")) {
                if (endpoint.get("publisher_id").asLong() == publisherId) {
                    return endpoint;
                }
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        }
        while (cursor != null);
        return null;
    }

    @Test
    void tooManyRequestsIsRetriedNoSoonerThanItsRetryAfter() {
        receiver.then(Reply.status(429).header("Retry-After", "2"));
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));
        List<Received> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
            .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(delivery(payout.getEventId()).get("attempt_log").get(0).get("outcome").asString())
            .isEqualTo("THROTTLED");
    }

    @Test
    void afterTheLastAttemptADeliveryIsADeadLetterThatCanBeReplayed() {
        receiver.always(Reply.status(503).body("maintenance"));
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        PayoutDue one = payout(publisher.id(), "4.00", "USD");
        PayoutDue two = payout(publisher.id(), "6.00", "USD");

        send(one);
        send(two);

        await().atMost(DELIVERED_WITHIN).until(() -> "DEAD".equals(state(one.getEventId()))
                && "DEAD".equals(state(two.getEventId())));
        assertThat(receiver.requests()).hasSize(8);
        JsonNode dead = http.get()
            .uri("/admin/publishers/{id}/dead-letters", publisher.id())
            .retrieve()
            .body(JsonNode.class);
        assertThat(dead.path("items")).hasSize(2);
        assertThat(dead.path("items").get(0).get("last_error").asString()).contains("gave up after 4 attempts");

        receiver.always(Reply.status(200));
        http.post().uri("/admin/deliveries/{id}/replay", one.getEventId()).retrieve().toBodilessEntity();
        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(one.getEventId())));
        assertThat(state(two.getEventId())).isEqualTo("DEAD");

        JsonNode replayed = http.post()
            .uri("/admin/publishers/{id}/dead-letters/replay", publisher.id())
            .retrieve()
            .body(JsonNode.class);
        assertThat(replayed.get("replayed").asInt()).isEqualTo(1);
        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(two.getEventId())));
        assertThat(receiver.requests()).hasSize(10);
        assertThat(delivery(one.getEventId()).get("attempt_log")).hasSize(5);
        assertThat(replayStatus(one.getEventId())).as("a delivered payout is never sent twice").isEqualTo(409);
    }

    @Test
    void aHostnameThatResolvesToLoopbackIsRefusedAndNothingIsSent() {
        CreatedPublisher publisher = createPublisher(
                receiver.url(TEMPLATE).replace(PublisherReceiver.HOST, "localhost"), "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DEAD".equals(state(payout.getEventId())));
        JsonNode attempt = delivery(payout.getEventId()).get("attempt_log").get(0);
        assertThat(attempt.get("outcome").asString()).isEqualTo("REFUSED_ADDRESS");
        assertThat(attempt.get("error").asString()).contains("127.0.0.1 is loopback");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void theCloudMetadataAddressIsRefused() {
        CreatedPublisher publisher = createPublisher("http://169.254.169.254/latest/meta-data?c={click_id}", "GET");
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DEAD".equals(state(payout.getEventId())));
        assertThat(delivery(payout.getEventId()).get("attempt_log").get(0).get("error").asString())
            .contains("169.254.169.254 is a cloud metadata address");
    }

    @Test
    void oneSlowPublisherDoesNotDelayAnother() {
        try (PublisherReceiver slowReceiver = PublisherReceiver.start()) {
            slowReceiver.always(Reply.status(200).after(Duration.ofMillis(900)));
            CreatedPublisher slow = createPublisher(slowReceiver.url(TEMPLATE), "GET");
            CreatedPublisher fast = createPublisher(receiver.url(TEMPLATE), "GET");
            // Queued ahead of the fast payout, these would keep every worker busy for seconds without isolation.
            for (int i = 0; i < 100; i++) {
                send(payout(slow.id(), "1.00", "USD"));
            }
            await().atMost(DELIVERED_WITHIN).until(() -> !slowReceiver.requests().isEmpty());

            PayoutDue payout = payout(fast.id(), "4.00", "USD");
            Instant sent = Instant.now();
            send(payout);

            await().atMost(Duration.ofSeconds(3)).until(() -> receiver.requests().size() == 1);
            assertThat(Duration.between(sent, receiver.requests().get(0).at())).isLessThan(Duration.ofSeconds(2));
            assertThat(slowReceiver.requests().size()).as("the slow publisher is still being served").isLessThan(100);
        }
    }

    @Test
    void aPayoutForADeactivatedPublisherWaitsAsADeadLetterAndIsNotSent() {
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        http.delete().uri("/admin/publishers/{id}", publisher.id()).retrieve().toBodilessEntity();
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> "DEAD".equals(state(payout.getEventId())));
        assertThat(delivery(payout.getEventId()).get("last_error").asString()).contains("inactive");
        assertThat(replayStatus(payout.getEventId())).isEqualTo(409);
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void afterARotationPostbacksAreSignedWithTheNewSecretOnly() {
        CreatedPublisher publisher = createPublisher(receiver.url(TEMPLATE), "GET");
        String rotated = http.post()
            .uri("/admin/publishers/{id}/signing-secret", publisher.id())
            .retrieve()
            .body(JsonNode.class)
            .get("signing_secret")
            .asString();
        PayoutDue payout = payout(publisher.id(), "4.00", "USD");

        send(payout);

        await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests().size() == 1);
        assertThat(rotated).isNotEqualTo(publisher.secret());
        assertThat(receiver.requests().get(0).signatureVerifies(rotated)).isTrue();
        assertThat(receiver.requests().get(0).signatureVerifies(publisher.secret())).isFalse();
    }
}
