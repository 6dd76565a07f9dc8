package io.croupier.postback.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.croupier.embedded.CallTimings;
import io.croupier.embedded.Partitions;
import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import io.croupier.postback.PostbackServiceTest;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whether a postback log row's cost grows with the log stored: writing one call's row (committed) and reading one by
 * its log id alone (seed 003's answer to a repeat, the log page), with {@code bench.sizes} rows of history spread over
 * the 12 months before now, so every month the default retention keeps has its partition. Prints the plan of the
 * look-up by id on the largest history. See docs/benchmarks.md for the command.
 */
@Tag("benchmark")
class PostbackLogHistoryBenchmark extends PostbackServiceTest {

    private static final long[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "200000,5000000").split(","))
        .mapToLong(Long::parseLong)
        .toArray();

    private static final int SAMPLES = Integer.getInteger("bench.samples", 2_000);

    private static final long CHUNK = 1_000_000;

    private static final Duration HISTORY = Duration.ofDays(360);

    @Autowired
    PostbackLog log;

    @Autowired
    PartitionMaintenance partitions;

    @Test
    void postbackLogCostsWithGrowingHistory() throws Exception {
        Instant now = Instant.now();
        partitions.maintain(now);
        long stored = 0;
        long probed = 0;
        List<String> report = new ArrayList<>();
        for (long size : SIZES) {
            long started = System.nanoTime();
            for (; stored < size; stored = Math.min(size, stored + CHUNK)) {
                generate(Math.min(size, stored + CHUNK) - stored, now);
            }
            jdbc.sql("analyze postback_logs").update();
            long[] ids = jdbc.sql("select min(id), max(id) from postback_logs")
                .query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
                .single();
            SplittableRandom random = new SplittableRandom(size);
            String load = Files.readString(Path.of("/proc/loadavg")).trim();

            CallTimings insert = CallTimings.of(SAMPLES, i -> log.write(null, call(), PostbackFormat.HOUSE_POSTBACK,
                    Outcome.SUCCESS, null, "bench-offer", null, null));
            CallTimings byId = CallTimings.of(SAMPLES, i -> log.commission(ids[0] + random.nextLong(ids[1] - ids[0])));
            probed = ids[0] + (ids[1] - ids[0]) / 2;
            long recent = ids[1];
            log.recordCommission(recent, new Money("1.00", "BRL"));
            CallTimings recentById = CallTimings.of(SAMPLES, i -> log.commission(recent).orElseThrow());

            String figures = """
                    %,d log rows stored in %d partitions (written in %d s; load average %s)
                      write one call's row              %s
                      find by log id, any month         %s
                      find by log id, this month's row  %s"""
                .formatted(size, partitionCount(), Duration.ofNanos(System.nanoTime() - started).toSeconds(), load,
                        insert, byId, recentById);
            System.out.println("BENCHMARK " + figures);
            report.add(figures);
        }
        jdbc.sql("explain (analyze, costs off, timing off, summary off) select commission, commission_currency"
                + " from postback_logs where id = ? and commission is not null")
            .param(probed)
            .query(String.class)
            .list()
            .forEach(line -> System.out.println("BENCHMARK plan " + line));
        report.forEach(line -> System.out.println("BENCHMARK " + line));
    }

    private void generate(long rows, Instant now) {
        jdbc.sql("""
                insert into postback_logs (received_at, source_ip, method, path, query, format, outcome, offer_id,
                                           event_id)
                select cast(:now as timestamptz) - (random() * :seconds) * interval '1 second', '203.0.113.9', 'GET',
                       '/api/postback/casa/deposit', 'subid=aff' || g || '&amount=10.00', 'HOUSE_POSTBACK', 'SUCCESS',
                       'bench-offer', 'postback:' || g
                  from generate_series(1, cast(:rows as bigint)) g""")
            .param("now", Timestamp.from(now))
            .param("seconds", HISTORY.toSeconds())
            .param("rows", rows)
            .update();
    }

    private static InboundCall call() {
        return new InboundCall(Instant.now(), "203.0.113.9", "GET", "/api/postback/casa/deposit", null,
                "subid=aff&amount=10.00", Map.of("subid", "aff", "amount", "10.00"), null, false, null);
    }

    private long partitionCount() {
        return Partitions.of(jdbc, "postback_logs").size();
    }
}
