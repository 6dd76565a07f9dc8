package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.croupier.embedded.Partitions;
import io.croupier.events.PayoutDue;
import io.croupier.events.Tracking;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.endpoint.AttemptOutcome;
import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.endpoint.PostbackResponse;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attempt log in partitions by the day of each delivery's arrival: days made ahead, a day past the retention
 * dropped whole (the delivery itself kept), and an attempt number still unique per delivery whenever its attempts
 * started.
 */
class AttemptLogPartitionsTest extends ForwarderIntegrationTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Autowired
    DeliveryQueue queue;

    @Autowired
    PartitionMaintenance partitions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void todayAndTheNextDaysHaveTheirPartitionBeforeTheFirstAttempt() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(partitions()).contains(partition(today), partition(today.plusDays(3)),
                "delivery_attempts_default");
    }

    @Test
    void twoWorkersRecordingTheSameAttemptOfADeliveryAtDifferentTimesLogItOnce() throws Exception {
        Delivery delivery = pendingDelivery();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> recorded = new ArrayList<>();
            for (Instant startedAt : List.of(Instant.now(), Instant.now().plusSeconds(40))) {
                recorded.add(workers.submit(() -> {
                    together.await();
                    queue.recordAttempts(List.of(attempt(delivery, startedAt)));
                    return null;
                }));
            }
            List<Throwable> refused = new ArrayList<>();
            for (Future<?> worker : recorded) {
                try {
                    worker.get();
                }
                catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertThat(refused).singleElement().isInstanceOf(DuplicateKeyException.class);
        }
        finally {
            workers.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from delivery_attempts where delivery_id = ?")
            .param(delivery.id())
            .query(Long.class)
            .single()).isOne();
        assertThatThrownBy(() -> queue.recordAttempts(List.of(attempt(delivery, Instant.now().plusSeconds(86_400)))))
            .as("the same number a day later").isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aDayPastTheRetentionIsDroppedWholeAndItsDeliveriesAndTodaysAttemptsAreKept() {
        LocalDate expired = LocalDate.now(ZoneOffset.UTC).minusDays(120);
        jdbc.sql("create table %s partition of delivery_attempts for values from ('%s') to ('%s')".formatted(
                partition(expired), expired.atStartOfDay().toInstant(ZoneOffset.UTC),
                expired.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))).update();
        Delivery old = pendingDelivery();
        jdbc.sql("update deliveries set received_at = ? where id = ?")
            .param(Timestamp.from(expired.atTime(10, 0).toInstant(ZoneOffset.UTC)))
            .param(old.id())
            .update();
        queue.recordAttempts(List.of(attempt(old, Instant.now())));
        Delivery current = pendingDelivery();
        queue.recordAttempts(List.of(attempt(current, Instant.now())));
        assertThat(partitionOf(old.id())).isEqualTo(partition(expired));

        partitions.maintain(Instant.now());

        assertThat(partitions()).doesNotContain(partition(expired))
            .contains(partition(LocalDate.now(ZoneOffset.UTC)));
        assertThat(delivery(old.id()).get("attempt_log")).isEmpty();
        assertThat(delivery(old.id()).get("attempts").asInt()).as("the delivery is kept").isZero();
        assertThat(delivery(current.id()).get("attempt_log")).hasSize(1);
    }

    private Delivery pendingDelivery() {
        long publisher = createPublisher("http://127.0.0.1:9/pb", "GET").id();
        PayoutDue payout = payout(publisher, "4.00", "USD");
        // Not due for an hour: no worker of the service attempts it meanwhile.
        assertThat(queue.insert(List.of(new DeliveryQueue.NewDelivery(payout, publisher)), Duration.ofHours(1)))
            .isOne();
        return new Delivery(payout.getEventId(), publisher, payout.getOfferId(), payout.getClickId(),
                payout.getTransactionId(), null, payout.getEvent().name(), payout.getStatus().name(),
                new BigDecimal(payout.getPayout().getAmount()), payout.getPayout().getCurrency(),
                new Tracking(null, null, null, null, null, null, null), null, payout.getOccurredAt(), 0, 0);
    }

    private static SentAttempt attempt(Delivery delivery, Instant startedAt) {
        return new SentAttempt(delivery, new PostbackRequest(delivery.id(), URI.create("http://127.0.0.1:9/pb"), null,
                new byte[0]), startedAt, new PostbackResponse(AttemptOutcome.DELIVERED, 200, Duration.ofMillis(3),
                        "ok", null, null));
    }

    private String partitionOf(String deliveryId) {
        return jdbc.sql("select tableoid::regclass::text from delivery_attempts where delivery_id = ?")
            .param(deliveryId)
            .query(String.class)
            .single();
    }

    private static String partition(LocalDate day) {
        return "delivery_attempts_p" + DAY.format(day);
    }

    private List<String> partitions() {
        return Partitions.of(jdbc, "delivery_attempts");
    }
}
