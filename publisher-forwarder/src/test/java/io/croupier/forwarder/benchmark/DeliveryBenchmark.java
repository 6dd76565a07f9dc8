package io.croupier.forwarder.benchmark;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.PublisherReceiver;
import io.croupier.forwarder.PublisherReceiver.Received;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Deliveries per second to a fast local receiver, and the latency the forwarder adds between a payout event being sent
 * to Kafka and the publisher receiving it. Not a test: see the README for the command and the recorded results.
 */
@Tag("benchmark")
class DeliveryBenchmark extends ForwarderIntegrationTest {

    private static final int PUBLISHERS = 10;

    @Autowired
    JdbcClient jdbc;

    private static final int PAYOUTS_PER_PUBLISHER = 300;

    private static final int SEQUENTIAL_SAMPLES = 100;

    @Test
    void deliveriesPerSecondAndAddedLatency() {
        try (PublisherReceiver receiver = PublisherReceiver.start()) {
            List<Long> publishers = new ArrayList<>();
            for (int i = 0; i < PUBLISHERS; i++) {
                publishers.add(createPublisher(receiver.url("/pb?c={click_id}&p={payout}&s={status}"), "GET").id());
            }
            warmUp(receiver, publishers);

            List<Duration> idle = new ArrayList<>();
            for (int i = 0; i < SEQUENTIAL_SAMPLES; i++) {
                int before = receiver.requests().size();
                PayoutDue payout = payout(publishers.get(i % PUBLISHERS), "4.00", "USD");
                Instant sent = Instant.now();
                send(payout);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() > before);
                idle.add(Duration.between(sent, receiver.requests().get(before).at()));
            }

            int total = PUBLISHERS * PAYOUTS_PER_PUBLISHER;
            int before = receiver.requests().size();
            Map<String, Instant> sentAt = new ConcurrentHashMap<>();
            Instant start = Instant.now();
            for (int i = 0; i < PAYOUTS_PER_PUBLISHER; i++) {
                for (Long publisher : publishers) {
                    PayoutDue payout = payout(publisher, "4.00", "USD");
                    sentAt.put(payout.getEventId(), Instant.now());
                    kafka.send(Topics.PAYOUTS.name(), payout.getPublisherId(), payout);
                }
            }
            kafka.flush();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.sql("select count(*) from deliveries where received_at >= :start")
                    .param("start", Timestamp.from(start))
                    .query(Long.class)
                    .single() >= total);
            double storedAfter = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.requests().size() >= before + total);
            List<Received> burst = receiver.requests().subList(before, before + total);
            Instant end = burst.stream().map(Received::at).max(Instant::compareTo).orElseThrow();
            List<Duration> loaded = new ArrayList<>();
            for (Received received : burst) {
                loaded.add(Duration.between(sentAt.get(received.headers().get("webhook-id")), received.at()));
            }
            double seconds = Duration.between(start, end).toMillis() / 1000.0;
            System.out.printf("%nBENCHMARK publisher-forwarder%n");
            System.out.printf("idle latency, payout sent -> publisher received (n=%d): %s%n", idle.size(),
                    percentiles(idle));
            System.out.printf("burst: %d payouts to %d publishers delivered in %.2f s = %.0f deliveries/s%n", total,
                    PUBLISHERS, seconds, total / seconds);
            System.out.printf("burst intake: all %d payouts stored as deliveries after %.2f s = %.0f/s%n", total,
                    storedAfter, total / storedAfter);
            System.out.printf("burst latency, payout sent -> publisher received: %s%n%n", percentiles(loaded));
        }
    }

    private void warmUp(PublisherReceiver receiver, List<Long> publishers) {
        for (Long publisher : publishers) {
            send(payout(publisher, "1.00", "USD"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= publishers.size());
    }

    private static String percentiles(List<Duration> samples) {
        List<Long> millis = new ArrayList<>(samples.stream().map(Duration::toMillis).toList());
        Collections.sort(millis);
        return "p50 " + at(millis, 0.50) + " ms, p95 " + at(millis, 0.95) + " ms, p99 " + at(millis, 0.99)
                + " ms, max " + millis.get(millis.size() - 1) + " ms";
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
