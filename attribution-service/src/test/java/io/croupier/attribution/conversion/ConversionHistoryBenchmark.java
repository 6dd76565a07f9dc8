package io.croupier.attribution.conversion;

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

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.attribution.TestEvents;
import io.croupier.embedded.CallTimings;
import io.croupier.embedded.Partitions;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a conversion's cost grows with the conversions stored: inserting one (the poll's set-based insert,
 * committed), the poll's check of which conversions are stored already, and the update of a stored one's state by its
 * key, with {@code bench.sizes} conversions of history spread over the 360 days before now (one partition a month),
 * beside a committed one-row insert into a small table as the reference for the machine's noise at that moment.
 * Prints the plans of the look-up and the update on the largest history. See docs/benchmarks.md for the command.
 */
@Tag("benchmark")
@AttributionServiceTest
class ConversionHistoryBenchmark {

    private static final long[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "200000,5000000").split(","))
        .mapToLong(Long::parseLong)
        .toArray();

    private static final int SAMPLES = Integer.getInteger("bench.samples", 2_000);

    private static final long CHUNK = 500_000;

    private static final long HISTORY_SECONDS = Duration.ofDays(360).toSeconds();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConversionRepository conversions;

    @Autowired
    PartitionMaintenance partitions;

    @Test
    void conversionCostsWithGrowingHistory() throws Exception {
        // Whole seconds, so that the history's times computed in SQL and here are the same instants.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        partitions.maintain(now);
        jdbc.sql("create table if not exists bench_commit_reference (at timestamptz not null)").update();
        long stored = 0;
        List<String> report = new ArrayList<>();
        for (long size : SIZES) {
            long started = System.nanoTime();
            for (; stored < size; stored = Math.min(size, stored + CHUNK)) {
                generate(stored, Math.min(size, stored + CHUNK), now);
            }
            jdbc.sql("analyze conversions").update();
            SplittableRandom random = new SplittableRandom(size);
            String load = Files.readString(Path.of("/proc/loadavg")).trim();

            // The reference of the moment: a committed one-row insert into a small table, so the noise of the shared
            // machine's disk (fsync) can be told from growth with the history.
            CallTimings reference = CallTimings.of(SAMPLES,
                    i -> jdbc.sql("insert into bench_commit_reference (at) values (now())").update());
            CallTimings insert = CallTimings.of(SAMPLES, i -> conversions.insertAll(List.of(NewConversion.received(
                    TestEvents.conversion(ConversionKind.DEPOSIT).setOfferId("7").setClickId("clk").setOrderKey("clk").build(),
                    Instant.now(), Instant.now()))));
            CallTimings storedCheck = CallTimings.of(SAMPLES,
                    i -> conversions.stored(List.of(history(random.nextLong(size), now))));
            CallTimings update = CallTimings.of(SAMPLES, i -> conversions.markWaiting(
                    history(random.nextLong(size), now), "UNATTRIBUTED", UnattributedReason.CLICK_NOT_FOUND, null));

            String figures = """
                    %,d conversions stored in %d partitions (written in %d s; load average %s)
                      insert one conversion (the poll's insert)   %s
                      which are stored already (one of the poll)  %s
                      update one's state by its key               %s
                      reference: commit one row of a small table  %s"""
                .formatted(size, partitionCount(), Duration.ofNanos(System.nanoTime() - started).toSeconds(), load,
                        insert, storedCheck, update, reference);
            System.out.println("BENCHMARK " + figures);
            report.add(figures);
        }
        ConversionReported probe = history(1, now);
        jdbc.sql("""
                explain (analyze, costs off, timing off, summary off) select event_id from conversions
                 where event_id = any(?::text[]) and reported_at between ? and ?""")
            .param(new String[] { probe.getEventId() })
            .param(Timestamp.from(probe.getReceivedAt()))
            .param(Timestamp.from(probe.getReceivedAt()))
            .query(String.class)
            .list()
            .forEach(line -> System.out.println("BENCHMARK plan (stored) " + line));
        jdbc.sql("""
                explain (costs off) update conversions set state = 'UNATTRIBUTED'
                 where event_id = ? and reported_at = ? and state <> 'ATTRIBUTED'""")
            .param(probe.getEventId())
            .param(Timestamp.from(probe.getReceivedAt()))
            .query(String.class)
            .list()
            .forEach(line -> System.out.println("BENCHMARK plan (update) " + line));
        report.forEach(line -> System.out.println("BENCHMARK " + line));
    }

    /** Conversion {@code n} of the history: its time is the same function of n as in {@link #generate}. */
    private static ConversionReported history(long n, Instant now) {
        return TestEvents.conversion(ConversionKind.DEPOSIT)
            .setEventId("hist:" + n)
            .setReceivedAt(now.minusSeconds(n * 7_919 % HISTORY_SECONDS))
            .build();
    }

    private void generate(long from, long to, Instant now) {
        jdbc.sql("""
                insert into conversions (event_id, payload, postback_log_id, order_key, kind, status, offer_id,
                                         click_id, amount, currency, occurred_at, reported_at, received_at,
                                         grace_until, state, method, attributed_offer_id, publisher_id,
                                         attributed_click_id, attributed_at)
                select 'hist:' || g, '\\x00', g, 'hist-click-' || g, 'DEPOSIT', 'APPROVED', 'hist-offer-' || (g % 1000),
                       'hist-click-' || g, 10, 'USD', at, at, at, at, 'PENDING', null, null, null, null, null
                  from (select g, cast(:now as timestamptz) - ((g * 7919) % :seconds) * interval '1 second' as at
                          from generate_series(cast(:from as bigint), cast(:to as bigint) - 1) g) history""")
            .param("now", Timestamp.from(now))
            .param("seconds", HISTORY_SECONDS)
            .param("from", from)
            .param("to", to)
            .update();
    }

    private long partitionCount() {
        return Partitions.of(jdbc, "conversions").size();
    }
}
