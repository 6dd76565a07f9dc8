package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.croupier.embedded.CallTimings;
import io.croupier.embedded.Partitions;
import io.croupier.events.Tracking;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.endpoint.AttemptOutcome;
import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.endpoint.PostbackResponse;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether an attempt's cost grows with the attempts stored: logging one attempt of a new delivery (committed) and
 * reading a delivery with its attempt log ({@code GET /admin/deliveries/{id}}'s query), with {@code bench.sizes}
 * deliveries of history (two attempts each) spread over the 89 days before now, one partition a day. Prints the plan
 * of the attempt log look-up on the largest history. See docs/benchmarks.md for the command.
 */
@Tag("benchmark")
class AttemptLogHistoryBenchmark extends ForwarderIntegrationTest {

    private static final long[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "100000,2500000").split(","))
        .mapToLong(Long::parseLong)
        .toArray();

    private static final int SAMPLES = Integer.getInteger("bench.samples", 2_000);

    private static final long CHUNK = 500_000;

    private static final Duration HISTORY = Duration.ofDays(89);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryQueue queue;

    @Autowired
    DeliveryLog log;

    @Autowired
    PartitionMaintenance partitions;

    @Test
    void attemptLogCostsWithGrowingHistory() throws Exception {
        Instant now = Instant.now();
        partitions.maintain(now);
        long stored = 0;
        int run = 0;
        List<String> report = new ArrayList<>();
        for (long size : SIZES) {
            long started = System.nanoTime();
            for (; stored < size; stored = Math.min(size, stored + CHUNK)) {
                generate(stored, Math.min(size, stored + CHUNK), now);
            }
            jdbc.sql("analyze deliveries").update();
            jdbc.sql("analyze delivery_attempts").update();
            SplittableRandom random = new SplittableRandom(size);
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            String prefix = "fresh-" + run++ + "-";
            jdbc.sql("""
                    insert into deliveries (id, publisher_id, offer_id, event, status, payout_amount, payout_currency,
                                            occurred_at, state)
                    select :prefix || g, 1, '7', 'CONVERSION', 'APPROVED', 4, 'USD', now(), 'DELIVERED'
                      from generate_series(0, :count - 1) g""")
                .param("prefix", prefix)
                .param("count", SAMPLES + SAMPLES / 4)
                .update();

            // Warm-up calls included: each call logs the first attempt of a delivery of its own.
            AtomicInteger fresh = new AtomicInteger();
            CallTimings insert = CallTimings.of(SAMPLES,
                    i -> queue.recordAttempts(List.of(attempt(prefix + fresh.getAndIncrement()))));
            CallTimings find = CallTimings.of(SAMPLES,
                    i -> log.find("hist-" + random.nextLong(size)).orElseThrow());

            String figures = """
                    %,d deliveries (%,d attempts) stored in %d partitions (written in %d s; load average %s)
                      log one attempt                    %s
                      find a delivery with its attempts  %s"""
                .formatted(size, size * 2, partitionCount(), Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                        load, insert, find);
            System.out.println("BENCHMARK " + figures);
            report.add(figures);
        }
        Timestamp arrival = jdbc.sql("select received_at from deliveries where id = 'hist-1'")
            .query(Timestamp.class)
            .single();
        jdbc.sql("""
                explain (analyze, costs off, timing off, summary off)
                select * from delivery_attempts where delivery_id in ('hist-1') and delivery_received_at in (?)""")
            .param(arrival)
            .query(String.class)
            .list()
            .forEach(line -> System.out.println("BENCHMARK plan " + line));
        report.forEach(line -> System.out.println("BENCHMARK " + line));
    }

    private void generate(long from, long to, Instant now) {
        jdbc.sql("""
                insert into deliveries (id, publisher_id, offer_id, event, status, payout_amount, payout_currency,
                                        occurred_at, state, attempts, received_at, delivered_at)
                select 'hist-' || g, 1 + g % 500, '7', 'CONVERSION', 'APPROVED', 4, 'USD', at, 'DELIVERED', 2, at,
                       at + interval '5 seconds'
                  from (select g, cast(:now as timestamptz) - (random() * :seconds) * interval '1 second' as at
                          from generate_series(cast(:from as bigint), cast(:to as bigint) - 1) g) history""")
            .param("now", Timestamp.from(now))
            .param("seconds", HISTORY.toSeconds())
            .param("from", from)
            .param("to", to)
            .update();
        jdbc.sql("""
                insert into delivery_attempts (delivery_id, attempt, delivery_received_at, started_at, method, url,
                                               outcome, status_code, latency_ms)
                select d.id, n, d.received_at, d.received_at + n * interval '5 seconds', 'GET',
                       'https://publisher.example/pb?c=' || d.id, case n when 1 then 'REJECTED' else 'DELIVERED' end,
                       case n when 1 then 500 else 200 end, 40
                  from deliveries d cross join generate_series(1, 2) n
                 where d.id in (select 'hist-' || g from generate_series(cast(:from as bigint), cast(:to as bigint) - 1) g)""")
            .param("from", from)
            .param("to", to)
            .update();
    }

    private static SentAttempt attempt(String deliveryId) {
        Delivery delivery = new Delivery(deliveryId, 1, "7", null, null, null, "CONVERSION", "APPROVED",
                new BigDecimal("4"), "USD", new Tracking(null, null, null, null, null, null, null), null, Instant.now(),
                0, 0);
        return new SentAttempt(delivery, new PostbackRequest(deliveryId, URI.create("https://publisher.example/pb"),
                null, new byte[0]), Instant.now(), new PostbackResponse(AttemptOutcome.DELIVERED, 200,
                        Duration.ofMillis(40), "ok", null, null));
    }

    private long partitionCount() {
        return Partitions.of(jdbc, "delivery_attempts").size();
    }
}
