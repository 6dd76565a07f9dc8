package io.croupier.runtime.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's cost per poll, partitioned by month (this {@link Inbox}: an advisory lock per id, then a look-up in
 * every month kept) against the table it replaced (one unpartitioned key, one {@code insert ... on conflict do nothing}),
 * in the same JVM and PostgreSQL, a poll of each in turn, at each history size of {@code -Dbench.history}.
 * <p>
 * A poll is {@value #POLL} ids, {@value #DUPLICATES} of them redeliveries of ids in the history, each poll one committed
 * transaction. The history is spread over the 89 days before now, so the partitioned table holds it in the four months
 * its 90-day retention keeps.
 */
@Tag("benchmark")
@SpringBootTest
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class InboxBenchmark {

    private static final int POLL = 500;

    private static final int DUPLICATES = 50;

    private static final int WARM_UP = 50;

    private static final int TIMED = 300;

    private static final String CONSUMER = "inbox-benchmark";

    /** The table and statement the inbox used before it was partitioned (event-runtime's V0_1). */
    private static final String BEFORE = "processed_events_before_partitioning";

    @Autowired
    Inbox inbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(16);

    @Test
    void costPerPollBeforeAndAfterPartitioningAtEachHistorySize() {
        jdbc.sql("create table if not exists " + BEFORE + " (consumer text not null, event_id text not null,"
                + " processed_at timestamptz not null default now(), primary key (consumer, event_id))").update();
        long stored = 0;
        for (long size : Arrays.stream(System.getProperty("bench.history", "1000000,3000000").split(","))
            .mapToLong(Long::parseLong)
            .toArray()) {
            fill(stored, size);
            stored = size;
            String loadBefore = loadAverage();
            List<Long> before = new ArrayList<>();
            List<Long> after = new ArrayList<>();
            for (int poll = 0; poll < WARM_UP + TIMED; poll++) {
                long beforeNanos = timed(() -> recordBefore(poll(size)));
                long afterNanos = timed(() -> recordAfter(poll(size)));
                if (poll >= WARM_UP) {
                    before.add(beforeNanos);
                    after.add(afterNanos);
                }
            }
            long months = jdbc.sql("select count(*) from pg_inherits where inhparent = 'processed_events'::regclass")
                .query(Long.class)
                .single();
            System.out.printf("BENCHMARK inbox, %d ids stored: per poll of %d ids (%d redelivered), ms median / p99:"
                    + " partitioned %.2f / %.2f, unpartitioned %.2f / %.2f, ratio of medians %.2f;"
                    + " %d partitions (with the default) looked up per id; load average %s before, %s after%n",
                    size, POLL, DUPLICATES, millis(after, 50), millis(after, 99), millis(before, 50),
                    millis(before, 99), millis(after, 50) / millis(before, 50), months, loadBefore, loadAverage());
        }
    }

    /** Adds history ids up to {@code size} to both tables, spread over the 89 days before now. */
    private void fill(long from, long size) {
        for (String table : List.of("processed_events", BEFORE)) {
            jdbc.sql("insert into " + table + " (consumer, event_id, processed_at)"
                    + " select ?, 'history-' || n, now() - random() * interval '89 days'"
                    + " from generate_series(?::bigint, ?::bigint) n")
                .params(CONSUMER, from, size - 1)
                .update();
            jdbc.sql("analyze " + table).update();
        }
    }

    private List<String> poll(long historySize) {
        Set<String> ids = new LinkedHashSet<>(POLL);
        while (ids.size() < DUPLICATES) {
            ids.add("history-" + random.nextLong(historySize));
        }
        while (ids.size() < POLL) {
            ids.add(UUID.randomUUID().toString());
        }
        return List.copyOf(ids);
    }

    private void recordAfter(List<String> ids) {
        Set<String> fresh = transactions.execute(status -> inbox.firstDeliveries(CONSUMER, ids));
        assertThat(fresh).hasSize(POLL - DUPLICATES);
    }

    private void recordBefore(List<String> ids) {
        Set<String> fresh = transactions.execute(status -> Set.copyOf(jdbc.sql("""
                insert into %s (consumer, event_id)
                select ?, event_id from (select distinct unnest(?::text[]) as event_id) ids order by event_id
                on conflict do nothing
                returning event_id""".formatted(BEFORE))
            .param(CONSUMER)
            .param(ids.toArray(String[]::new))
            .query(String.class)
            .list()));
        assertThat(fresh).hasSize(POLL - DUPLICATES);
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static double millis(List<Long> nanos, int percentile) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1e6;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException e) {
            return "unknown";
        }
    }
}
