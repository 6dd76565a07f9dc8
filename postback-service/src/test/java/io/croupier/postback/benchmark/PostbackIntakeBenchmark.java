package io.croupier.postback.benchmark;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.croupier.postback.PostbackServiceTest;
import io.croupier.postback.inbound.Signing;
import io.croupier.secrets.webhook.WebhookSecret;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sustained seed 004 postbacks per second and their latency, each one committed durably (fsync on) with its log,
 * dedupe and outbox rows before the answer, then the time until the relay has put all of them on the broker.
 * With {@code -Dbenchmark.signed=true} the offer requires signed calls and every postback is signed (GET family:
 * canonical query, secret decrypted per call, message id claimed). Run as {@link GroupCommitIntakeBenchmark} and,
 * as the reference in the same run, {@link SingleCommitIntakeBenchmark} (one transaction per postback). Not a test:
 * run it on purpose, see the README.
 */
@Tag("benchmark")
abstract class PostbackIntakeBenchmark extends PostbackServiceTest {

    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 32);

    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.warmup-seconds", 10));

    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 30));

    private static final boolean SIGNED = Boolean.getBoolean("benchmark.signed");

    private final AtomicLong sequence = new AtomicLong();

    @Test
    void sustainedPostbacksPerSecond() throws Exception {
        TestOffer offer = offer(null, "USD");
        WebhookSecret secret = SIGNED ? requireSignatures(offer) : null;
        // The JDK client itself, not ServiceHttp: many requests in flight on a pool of its own, as a load generator.
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        run(http, offer, secret, WARM_UP);
        long outboxBefore = jdbc.sql("select count(*) from postback_logs where outcome = 'SUCCESS'").query(Long.class)
            .single();

        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        long[] latencies = run(http, offer, secret, MEASURE);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMillisPerPostback = (processCpuNanos() - cpuBefore) / 1e6 / latencies.length;
        long drainStarted = System.nanoTime();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
            .until(() -> jdbc.sql("select count(*) from outbox_events").query(Long.class).single() == 0);
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;

        long accepted = jdbc.sql("select count(*) from postback_logs where outcome = 'SUCCESS'").query(Long.class)
            .single() - outboxBefore;
        Arrays.sort(latencies);
        System.out.printf("%n=== postback benchmark (%s): %d clients, %.1f s, %s, load average %.1f ===%n",
                getClass().getSimpleName(), CLIENTS, seconds, SIGNED ? "signed" : "unsigned",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("requests %d, accepted %d, throughput %.0f postbacks/s%n", latencies.length, accepted,
                latencies.length / seconds);
        System.out.printf("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies[latencies.length - 1] / 1e6);
        System.out.printf("JVM CPU per postback (service and load generator): %.2f ms%n", cpuMillisPerPostback);
        System.out.printf("outbox empty %.2f s after the last answer%n%n", drainSeconds);
        assertThat(accepted).isEqualTo(latencies.length);
    }

    private WebhookSecret requireSignatures(TestOffer offer) {
        WebhookSecret secret = WebhookSecret.parse(postJson("/admin/inbound-auth/" + offer.id() + "/signing-secret",
                "").body().get("signing_secret").asString());
        putJson("/admin/inbound-auth/" + offer.id(), "{\"signature_required\": true}");
        return secret;
    }

    private long[] run(HttpClient http, TestOffer offer, WebhookSecret secret, Duration duration) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long deadline = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            results.add(clients.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < deadline) {
                    long n = sequence.incrementAndGet();
                    String path = "/postback/" + offer.partnerKey();
                    String query = "click_id=BENCH-" + n + "&status=approved&payout=5.00&transaction_id=TXN-BENCH-" + n;
                    if (secret != null) {
                        query = Signing.query(secret, "bench-" + n, Signing.now(), path, List.of(
                                Map.entry("click_id", "BENCH-" + n), Map.entry("status", "approved"),
                                Map.entry("payout", "5.00"), Map.entry("transaction_id", "TXN-BENCH-" + n)));
                    }
                    URI uri = URI.create("http://127.0.0.1:" + port + path + "?" + query);
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - sent;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            all.add(result.get());
        }
        clients.shutdown();
        return all.stream().flatMapToLong(Arrays::stream).toArray();
    }

    /** CPU time of this JVM, which holds the service, the broker and the load generator (not PostgreSQL). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static double percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(index, 0)] / 1e6;
    }
}
