package io.croupier.runtime.inbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.Partitions;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox partitioned by month stays exact: an id is found in whichever month it was applied, two transactions
 * recording one id get one {@code true} between them, and months are made ahead and dropped only once expired.
 */
@SpringBootTest
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class InboxTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private static final String CONSUMER = "inbox-test";

    @Autowired
    Inbox inbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PartitionMaintenance partitions;

    @Autowired
    InboxSettings settings;

    @Test
    void theCurrentMonthAndTheMonthsAheadHaveTheirPartitionFromTheStart() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);

        assertThat(months()).contains(month(now), month(now.plusMonths(settings.monthsAhead())))
            .doesNotContain(month(now.plusMonths(settings.monthsAhead() + 1)));
    }

    @Test
    void retentionDropsOnlyMonthsEntirelyOlderThanItAndKeepsTheCurrentOne() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth cutoff = YearMonth.from(Instant.now().minus(settings.retention()).atOffset(ZoneOffset.UTC));
        makeMonth(cutoff.minusMonths(1));
        String expired = record(cutoff.minusMonths(1).atDay(15).atStartOfDay().toInstant(ZoneOffset.UTC));
        // Older than the retention, but in the month the cutoff falls in, which is kept until all of it is older.
        String straddling = record(cutoff.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        String current = record(Instant.now());

        partitions.maintain(Instant.now());

        assertThat(months()).doesNotContain(month(cutoff.minusMonths(1))).contains(month(cutoff), month(now));
        assertThat(jdbc.sql("select event_id from processed_events where event_id in (?, ?, ?)")
            .params(expired, straddling, current)
            .query(String.class)
            .list()).containsExactlyInAnyOrder(straddling, current);
    }

    @Test
    void anEventAppliedInAnEarlierMonthAndRedeliveredNowIsSkipped() {
        String twoMonthsAgo = record(Instant.now().minus(Duration.ofDays(62)));
        String farFuture = record(Instant.parse("2999-01-01T00:00:00Z"));
        assertThat(partitionOf(twoMonthsAgo))
            .isEqualTo("processed_events_p" + MONTH.format(Instant.now().minus(Duration.ofDays(62))
                .atOffset(ZoneOffset.UTC)));
        assertThat(partitionOf(farFuture)).isEqualTo("processed_events_default");
        String fresh = UUID.randomUUID().toString();

        assertThat(inTransaction(() -> inbox.firstDelivery(CONSUMER, twoMonthsAgo))).isFalse();
        assertThat(inTransaction(() -> inbox.firstDeliveries(CONSUMER, List.of(farFuture, fresh, twoMonthsAgo))))
            .containsExactly(fresh);
        assertThat(inTransaction(() -> inbox.firstDelivery(CONSUMER, fresh))).isFalse();
        assertThat(inTransaction(() -> inbox.firstDelivery("another-consumer", fresh))).isTrue();
    }

    @Test
    void anIdRepeatedInOnePollIsAppliedOnce() {
        String once = UUID.randomUUID().toString();
        String twice = UUID.randomUUID().toString();

        assertThat(inTransaction(() -> inbox.firstDeliveries(CONSUMER, List.of(twice, once, twice))))
            .containsExactlyInAnyOrder(once, twice);
        assertThat(jdbc.sql("select count(*) from processed_events where consumer = ? and event_id in (?, ?)")
            .params(CONSUMER, once, twice)
            .query(Long.class)
            .single()).isEqualTo(2);
    }

    @Test
    void ofTwoTransactionsRecordingOneIdTheSecondWaitsForTheFirstToCommitAndIsToldItIsADuplicate() throws Exception {
        String id = UUID.randomUUID().toString();
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> inTransaction(() -> {
            boolean recorded = inbox.firstDelivery(CONSUMER, id);
            firstRecorded.countDown();
            awaitLatch(commitFirst);
            return recorded;
        }));
        assertThat(firstRecorded.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                () -> inTransaction(() -> inbox.firstDelivery(CONSUMER, id)));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitsForTheLockOf(id));
        assertThat(second).isNotDone();
        commitFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(30, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void whenTheFirstOfTwoTransactionsRollsBackTheWaitingOneAppliesTheId() throws Exception {
        String id = UUID.randomUUID().toString();
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CountDownLatch rollBackFirst = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            boolean recorded = inbox.firstDelivery(CONSUMER, id);
            firstRecorded.countDown();
            awaitLatch(rollBackFirst);
            status.setRollbackOnly();
            return recorded;
        }));
        assertThat(firstRecorded.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                () -> inTransaction(() -> inbox.firstDelivery(CONSUMER, id)));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitsForTheLockOf(id));
        rollBackFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void twoPollsRecordingOverlappingIdsInOppositeOrdersApplyEachIdOnce() throws Exception {
        List<String> ids = List.of("a", "b", "c", "d").stream().map(name -> name + UUID.randomUUID()).toList();
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Set<String>> first = CompletableFuture.supplyAsync(() -> inTransaction(() -> {
            Set<String> recorded = inbox.firstDeliveries(CONSUMER, ids.subList(0, 3));
            firstRecorded.countDown();
            awaitLatch(commitFirst);
            return recorded;
        }));
        assertThat(firstRecorded.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Set<String>> second = CompletableFuture.supplyAsync(
                () -> inTransaction(() -> inbox.firstDeliveries(CONSUMER, List.of(ids.get(3), ids.get(2), ids.get(1),
                        ids.get(0)))));
        // It waits for the first of the first poll's ids in the order of their lock keys.
        await().atMost(Duration.ofSeconds(30))
            .until(() -> ids.subList(0, 3).stream().anyMatch(this::waitsForTheLockOf));
        commitFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
        assertThat(second.get(30, TimeUnit.SECONDS)).containsExactly(ids.get(3));
    }

    @Test
    void theLocksOfManyLargePollsInFlightAtOnceFitThePlatformsLockTable() throws Exception {
        // 8 polls of 6,000 ids hold 48,000 locks at once: more than 64 per connection leave room for (19,200 plus
        // PostgreSQL's spare shared memory here: it fails so), well within 256 per connection (76,800).
        int polls = 8;
        CountDownLatch allRecorded = new CountDownLatch(polls);
        ExecutorService threads = Executors.newFixedThreadPool(polls);
        List<CompletableFuture<Integer>> inFlight = IntStream.range(0, polls)
            .mapToObj(poll -> CompletableFuture.supplyAsync(() -> inTransaction(() -> {
                Set<String> recorded = inbox.firstDeliveries(CONSUMER,
                        IntStream.range(0, 6_000).mapToObj(n -> UUID.randomUUID().toString()).toList());
                allRecorded.countDown();
                awaitLatch(allRecorded);
                return recorded.size();
            }), threads))
            .toList();

        try {
            for (CompletableFuture<Integer> poll : inFlight) {
                assertThat(poll.get(60, TimeUnit.SECONDS)).isEqualTo(6_000);
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    /** Whether a transaction waits for the inbox's advisory lock on {@code id} (its bigint key split in two oids). */
    private boolean waitsForTheLockOf(String id) {
        return jdbc.sql("""
                select exists (select 1 from pg_locks
                                where locktype = 'advisory' and not granted and objsubid = 1
                                  and (classid::bigint << 32 | objid::bigint) = hashtextextended(? || ' ' || ?, 0))""")
            .params(CONSUMER, id)
            .query(Boolean.class)
            .single();
    }

    /** An id recorded as applied at {@code processedAt}, as if then. */
    private String record(Instant processedAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into processed_events (consumer, event_id, processed_at) values (?, ?, ?)")
            .params(CONSUMER, id, Timestamp.from(processedAt))
            .update();
        return id;
    }

    private void makeMonth(YearMonth month) {
        jdbc.sql("create table if not exists %s partition of processed_events for values from ('%s') to ('%s')"
            .formatted(month(month), month.atDay(1) + " 00:00:00+00", month.plusMonths(1).atDay(1) + " 00:00:00+00"))
            .update();
    }

    private String partitionOf(String id) {
        return jdbc.sql("select tableoid::regclass::text from processed_events where event_id = ?")
            .param(id)
            .query(String.class)
            .single();
    }

    private List<String> months() {
        return Partitions.of(jdbc, "processed_events");
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the transaction finish");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String month(YearMonth month) {
        return "processed_events_p" + MONTH.format(month);
    }
}
