package io.croupier.forwarder.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.ForwarderSettings;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries per second to a fast local publisher, and the time from a payout event being sent to Kafka to the
 * publisher receiving it: idle, in a burst, and at a steady rate. Before each part a fixed CPU-bound reference (HMAC of
 * 200,000 short messages on one thread) is timed, so runs on machines under different loads compare by ratio. Not a
 * test: see docs/benchmarks.md for the command and the recorded results.
 */
@Tag("benchmark")
class DeliveryBenchmark extends ForwarderIntegrationTest {

    private static final int PUBLISHERS = 20;

    private static final int IDLE_SAMPLES = 100;

    private static final int BURST = 20_000;

    private static final int STEADY_PER_SECOND = 1_000;

    private static final int STEADY_SECONDS = 30;

    @Autowired
    ForwarderSettings settings;

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    @Test
    void deliveriesPerSecondAndLatency() throws IOException {
        try (FastPublisher publisher = new FastPublisher()) {
            List<Long> publishers = new ArrayList<>();
            for (int i = 0; i < PUBLISHERS; i++) {
                publishers.add(createPublisher(publisher.url("/pb?c={click_id}&p={payout}&s={status}"), "GET").id());
            }
            System.out.printf("%nBENCHMARK publisher-forwarder (%d publishers, %d workers, at most %d in flight per"
                    + " publisher)%n", PUBLISHERS, settings.delivery().workers(),
                    settings.delivery().maxInFlightPerPublisher());
            burst(publisher, publishers, 2_000, false);

            reference("idle");
            List<Long> idle = new ArrayList<>();
            for (int i = 0; i < IDLE_SAMPLES; i++) {
                PayoutDue payout = payout(publishers.get(i % PUBLISHERS), "4.00", "USD");
                long sent = System.nanoTime();
                send(payout);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> publisher.arrivedAt(payout.getEventId()) != null);
                idle.add(publisher.arrivedAt(payout.getEventId()) - sent);
            }
            System.out.printf("idle latency, payout sent -> publisher received (n=%d): %s%n", IDLE_SAMPLES,
                    percentiles(idle));

            reference("burst");
            burst(publisher, publishers, BURST, true);

            reference("steady");
            steady(publisher, publishers);

            assertThat(publisher.repeated()).as("deliveries that arrived twice").isZero();
            reference("end");
        }
    }

    private void burst(FastPublisher publisher, List<Long> publishers, int total, boolean report) {
        int before = publisher.distinctDeliveries();
        List<String> ids = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            ids.add(sendAsync(payout(publishers.get(i % publishers.size()), "4.00", "USD")));
        }
        kafka.flush();
        long sentAll = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
            .until(() -> publisher.distinctDeliveries() >= before + total);
        long end = ids.stream().mapToLong(publisher::arrivedAt).max().orElseThrow();
        if (!report) {
            return;
        }
        List<Long> latencies = ids.stream().map(id -> publisher.arrivedAt(id) - sentAt.get(id)).toList();
        double seconds = (end - start) / 1e9;
        System.out.printf("burst: %d payouts to %d publishers (all sent to Kafka after %.2f s) delivered in %.2f s"
                + " = %.0f deliveries/s%n", total, publishers.size(), (sentAll - start) / 1e9, seconds,
                total / seconds);
        System.out.printf("burst latency, payout sent -> publisher received: %s%n", percentiles(latencies));
    }

    private void steady(FastPublisher publisher, List<Long> publishers) {
        int total = STEADY_PER_SECOND * STEADY_SECONDS;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / STEADY_PER_SECOND;
        int before = publisher.distinctDeliveries();
        List<String> ids = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            ids.add(sendAsync(payout(publishers.get(i % publishers.size()), "4.00", "USD")));
        }
        double sendingSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
            .until(() -> publisher.distinctDeliveries() >= before + total);
        List<Long> latencies = ids.stream().map(id -> publisher.arrivedAt(id) - sentAt.get(id)).toList();
        System.out.printf("steady: %d payouts/s for %d s (sent in %.1f s), payout sent -> publisher received: %s%n",
                STEADY_PER_SECOND, STEADY_SECONDS, sendingSeconds, percentiles(latencies));
    }

    private String sendAsync(PayoutDue payout) {
        sentAt.put(payout.getEventId(), System.nanoTime());
        kafka.send(Topics.PAYOUTS.name(), payout.getPublisherId(), payout);
        return payout.getEventId();
    }

    /** Times a fixed amount of CPU work on one thread, and prints it with the load average. */
    private static void reference(String when) throws IOException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] message = "payout:00000000-0000-0000-0000-000000000000.1700000000.{}".getBytes();
            long start = System.nanoTime();
            for (int i = 0; i < 200_000; i++) {
                message[7] = (byte) i;
                mac.update(message);
                message[8] = mac.doFinal()[0];
            }
            System.out.printf("reference (%s): 200,000 HMACs in %d ms; load average %s%n", when,
                    (System.nanoTime() - start) / 1_000_000, Files.readString(Path.of("/proc/loadavg")).trim());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> millis = new ArrayList<>(nanos.stream().map(TimeUnit.NANOSECONDS::toMillis).toList());
        Collections.sort(millis);
        return "p50 " + at(millis, 0.50) + " ms, p95 " + at(millis, 0.95) + " ms, p99 " + at(millis, 0.99)
                + " ms, max " + millis.get(millis.size() - 1) + " ms";
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
