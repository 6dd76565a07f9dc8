package io.croupier.forwarder.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.ForwarderSettings;
import io.croupier.forwarder.PublisherReceiver;
import io.croupier.forwarder.PublisherReceiver.Received;
import io.croupier.forwarder.PublisherReceiver.Reply;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries leased, sent and settled many at a time: by two schedulers at once (as two instances would), with failing
 * and healthy publishers in the same batches.
 */
class DeliveryBatchTest extends ForwarderIntegrationTest {

    private static final String TEMPLATE = "/pb?c={click_id}&p={payout}";

    @Autowired
    DeliveryQueue queue;

    @Autowired
    DeliveryAttempt attempt;

    @Autowired
    AttemptSettlement settlement;

    @Autowired
    ForwarderSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoSchedulersLeasingTheSameQueueDeliverEveryPayoutExactlyOnce() {
        DeliveryScheduler second = new DeliveryScheduler(queue, attempt, settlement, settings);
        try (PublisherReceiver receiver = PublisherReceiver.start()) {
            List<Long> publishers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                publishers.add(createPublisher(receiver.url(TEMPLATE), "GET").id());
            }
            second.start();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                PayoutDue payout = payout(publishers.get(i % publishers.size()), "4.00", "USD");
                ids.add(payout.getEventId());
                kafka.send(Topics.PAYOUTS.name(), payout.getPublisherId(), payout);
            }
            kafka.flush();

            await().atMost(DELIVERED_WITHIN).until(() -> delivered(ids) == ids.size());
            assertThat(receiver.requests()).extracting(received -> received.headers().get("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(jdbc.sql("select count(*) from delivery_attempts where delivery_id in (:ids)")
                .param("ids", ids).query(Long.class).single()).isEqualTo(ids.size());
        }
        finally {
            second.stop();
        }
    }

    @Test
    void aFailingPublisherDelaysNoOtherAndIsRetriedOnItsOwnSchedule() {
        try (PublisherReceiver failing = PublisherReceiver.start().always(Reply.status(500).body("down"));
                PublisherReceiver healthy = PublisherReceiver.start()) {
            long broken = createPublisher(failing.url(TEMPLATE), "GET").id();
            long working = createPublisher(healthy.url(TEMPLATE), "GET").id();
            // Two failing deliveries make eight calls, fewer than the breaker needs to judge: only the schedule acts.
            List<String> failed = new ArrayList<>();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                PayoutDue payout = payout(i % 10 == 0 ? broken : working, "4.00", "USD");
                (payout.getPublisherId().equals(Long.toString(broken)) ? failed : sent).add(payout.getEventId());
                kafka.send(Topics.PAYOUTS.name(), payout.getPublisherId(), payout);
            }
            kafka.flush();

            await().atMost(DELIVERED_WITHIN).until(() -> delivered(sent) == sent.size());
            assertThat(healthy.requests()).extracting(received -> received.headers().get("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(sent);
            Instant lastHealthy = healthy.requests().stream().map(Received::at).max(Instant::compareTo).orElseThrow();

            await().atMost(DELIVERED_WITHIN).until(() -> failed.stream().allMatch(id -> "DEAD".equals(state(id))));
            for (String id : failed) {
                JsonNode attempts = delivery(id).get("attempt_log");
                assertThat(attempts).hasSize(4);
                for (int i = 0; i < attempts.size(); i++) {
                    assertThat(attempts.get(i).get("status_code").asInt()).isEqualTo(500);
                    assertThat(attempts.get(i).get("response_excerpt").asString()).isEqualTo("down");
                }
                for (int i = 1; i < attempts.size(); i++) {
                    assertThat(Duration.between(Instant.parse(attempts.get(i - 1).get("started_at").asString()),
                            Instant.parse(attempts.get(i).get("started_at").asString())))
                        .as("the test schedule's 300 ms between attempts").isGreaterThanOrEqualTo(Duration.ofMillis(300));
                }
            }
            Instant lastFailure = failing.requests().stream().map(Received::at).max(Instant::compareTo).orElseThrow();
            assertThat(lastHealthy).as("the healthy publisher was done before the failing one's retries")
                .isBefore(lastFailure);
        }
    }

    @Test
    void aResponseBodyWithANulCharacterIsLoggedAndTheDeliverySettled() {
        try (PublisherReceiver receiver = PublisherReceiver.start().always(Reply.status(200).body("ok\u0000done"))) {
            PayoutDue payout = payout(createPublisher(receiver.url(TEMPLATE), "GET").id(), "4.00", "USD");

            send(payout);

            await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));
            assertThat(delivery(payout.getEventId()).get("attempt_log").get(0).get("response_excerpt").asString())
                .isEqualTo("ok\uFFFDdone");
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    private long delivered(List<String> ids) {
        return jdbc.sql("select count(*) from deliveries where state = 'DELIVERED' and id in (:ids)")
            .param("ids", ids)
            .query(Long.class)
            .single();
    }
}
