package io.croupier.attribution.click;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.clickid.ClickId;
import io.croupier.events.Tracking;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether a click's cost grows with the clicks stored: inserting one, finding one by id, the fallback match and the
 * retention pass, timed with {@code bench.sizes} clicks of history (by default 1 million, then 50 million). The
 * history is written with set-based SQL straight into the day partitions, spread over the 89 days before now, 1,000
 * offers. The row-by-row delete of the same expired day that retention used to do is timed alongside (rolled back),
 * as the reference that does grow. See the README for the command.
 */
@Tag("benchmark")
@AttributionServiceTest
class ClickHistoryBenchmark {

    private static final long[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "1000000,50000000").split(","))
        .mapToLong(Long::parseLong)
        .toArray();

    private static final int SAMPLES = Integer.getInteger("bench.samples", 2_000);

    private static final int OFFERS = 1_000;

    private static final long CHUNK = 1_000_000;

    private static final Duration HISTORY = Duration.ofDays(89);

    /** The ids of the clicks the insert timing stored, as click-service makes them, for the look-up by id. */
    private final List<String> ulids = new ArrayList<>();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ClickRepository clicks;

    @Autowired
    PartitionMaintenance partitions;

    @Test
    void clickCostsWithGrowingHistory() throws Exception {
        System.out.println("BENCHMARK data directory " + jdbc.sql("show data_directory").query(String.class).single());
        Instant now = Instant.now();
        long stored = 0;
        int day = 0;
        List<String> report = new ArrayList<>();
        for (long size : SIZES) {
            long started = System.nanoTime();
            for (; stored < size; stored = Math.min(size, stored + CHUNK)) {
                generate(stored, Math.min(size, stored + CHUNK), now);
            }
            jdbc.sql("analyze clicks").update();
            System.out.println("BENCHMARK disk used by clicks: " + jdbc.sql(
                    "select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) from pg_inherits"
                            + " where inhparent = 'clicks'::regclass").query(String.class).single());
            String generated = "generated up to %,d clicks in %d s".formatted(size,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            System.out.println("BENCHMARK " + generated);
            SplittableRandom random = new SplittableRandom(size);
            String load = Files.readString(Path.of("/proc/loadavg")).trim();

            Timings insert = timed(i -> clicks.insertNew(List.of(fresh(random))));
            // A few of these ids were in a day the previous size's retention pass dropped: a miss probes every day
            // too, so it costs the same.
            Timings byId = timed(i -> clicks.find("hist-" + random.nextLong(size)));
            Timings byUlid = timed(i -> clicks.find(ulidClick(random)).orElseThrow());
            Timings fallback = timed(i -> {
                Instant at = now.minus(Duration.ofMinutes(random.nextLong(HISTORY.toMinutes())));
                clicks.mostRecent("hist-offer-" + random.nextInt(OFFERS), at.minus(Duration.ofHours(1)), at);
            });
            day++;
            Instant later = now.plus(Duration.ofDays(day + 1));
            Instant expiredBefore = later.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.DAYS);
            long expiredRows = jdbc.sql("select count(*) from clicks where occurred_at < ?")
                .param(Timestamp.from(expiredBefore))
                .query(Long.class)
                .single();
            long deleteStarted = System.nanoTime();
            transactions.executeWithoutResult(status -> {
                jdbc.sql("delete from clicks where occurred_at < ?").param(Timestamp.from(expiredBefore))
                    .update();
                status.setRollbackOnly();
            });
            double deleteMs = (System.nanoTime() - deleteStarted) / 1e6;
            long retentionStarted = System.nanoTime();
            partitions.maintain(later);
            double retentionMs = (System.nanoTime() - retentionStarted) / 1e6;

            String figures = """
                    %,d clicks stored (%s; load average %s)
                      insert one click           %s
                      find by id (any day)       %s
                      find by id (ULID, its day) %s
                      fallback match (1 h)       %s
                      retention pass: %.1f ms dropping a day of %,d clicks (row delete of the same day: %.0f ms)"""
                .formatted(size, generated, load, insert, byId, byUlid, fallback, retentionMs, expiredRows,
                        deleteMs);
            System.out.println("BENCHMARK " + figures);
            report.add(figures);
        }
        report.forEach(line -> System.out.println("BENCHMARK " + line));
    }

    private void generate(long from, long to, Instant now) {
        jdbc.sql("""
                insert into clicks (click_id, offer_id, publisher_id, source, campaign, sub1, ip, user_agent,
                                    occurred_at)
                select 'hist-' || g, 'hist-offer-' || (g % :offers), 'p' || (g % 500), 'google', 'spring-promo',
                       's' || (g % 97), '203.0.113.' || (g % 250), 'Mozilla/5.0',
                       cast(:now as timestamptz) - (random() * :seconds) * interval '1 second'
                  from generate_series(cast(:from as bigint), cast(:to as bigint) - 1) g""")
            .param("offers", OFFERS)
            .param("now", Timestamp.from(now))
            .param("seconds", HISTORY.toSeconds())
            .param("from", from)
            .param("to", to)
            .update();
    }

    private StoredClick fresh(SplittableRandom random) {
        Instant at = Instant.now();
        String id = ulid(at, random);
        ulids.add(id);
        return new StoredClick(id, "hist-offer-" + random.nextInt(OFFERS), "p1",
                new Tracking("google", "spring-promo", "s1", null, null, null, null), "203.0.113.9", "Mozilla/5.0",
                null, at.truncatedTo(ChronoUnit.MILLIS));
    }

    private String ulidClick(SplittableRandom random) {
        return ulids.get(random.nextInt(ulids.size()));
    }

    private static String ulid(Instant at, SplittableRandom random) {
        return ClickId.mint(at.toEpochMilli(), random).toString();
    }

    private static Timings timed(IntConsumer operation) {
        for (int i = 0; i < SAMPLES / 4; i++) {
            operation.accept(i);
        }
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long started = System.nanoTime();
            operation.accept(i);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return new Timings(Arrays.stream(nanos).average().orElseThrow() / 1e6, nanos[SAMPLES / 2] / 1e6,
                nanos[SAMPLES * 99 / 100] / 1e6);
    }

    private record Timings(double meanMs, double medianMs, double p99Ms) {

        @Override
        public String toString() {
            return "mean %.3f ms, median %.3f ms, p99 %.3f ms".formatted(meanMs, medianMs, p99Ms);
        }
    }
}
