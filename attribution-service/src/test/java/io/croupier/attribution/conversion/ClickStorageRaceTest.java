package io.croupier.attribution.conversion;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.attribution.click.ClicksStored;
import io.croupier.attribution.click.StoredClick;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.Tracking;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race fault injection found (issue 17): a conversion batch parks a conversion for its click while a click batch
 * is storing that click, and the click batch's look-up of parked conversions cannot see the uncommitted one; the
 * conversion then waits for the schedule, and a later report of it could overtake it. Both transactions run through
 * the real components and database, interleaved at the worst moment: the click inserted but not committed when the
 * conversion looks for it, and the conversion parked but not committed when the click batch looks for parked ones.
 * The conversion batch commits only once the click batch has looked, or is waiting to look.
 */
@AttributionServiceTest
class ClickStorageRaceTest {

    private static final long PATIENCE_SECONDS = 20;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @Autowired
    ConversionAttribution attribution;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aConversionParkedWhileItsClickIsBeingStoredIsAttributedByTheClickBatchNotLeftForTheSchedule()
            throws Exception {
        StoredClick click = new StoredClick(unique("clk"), unique("offer"), "71", new Tracking(), null, null, null,
                Instant.now());
        ConversionReported approved = conversion(ConversionKind.CONVERSION).setClickId(click.clickId())
            .setOfferId(click.offerId())
            .setConversionId("tx:" + unique("TXN"))
            .setOrderKey(click.clickId())
            .build();
        CountDownLatch clickInserted = new CountDownLatch(1);
        CountDownLatch conversionParked = new CountDownLatch(1);
        CountDownLatch lookedUp = new CountDownLatch(1);

        Future<String> stateTheClickBatchLeft = threads.submit(() -> transactions.execute(status -> {
            jdbc.sql("insert into clicks (click_id, offer_id, publisher_id, occurred_at) values (?, ?, ?, ?)")
                .params(click.clickId(), click.offerId(), click.publisherId(), Timestamp.from(click.occurredAt()))
                .update();
            clickInserted.countDown();
            await(conversionParked);
            events.publishEvent(new ClicksStored(List.of(click)));
            lookedUp.countDown();
            return state(approved);
        }));
        Future<?> conversionBatch = threads.submit(() -> transactions.executeWithoutResult(status -> {
            await(clickInserted);
            attribution.receive(List.of(approved));
            assertThat(state(approved)).as("its click is not committed yet").isEqualTo("PENDING");
            conversionParked.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(PATIENCE_SECONDS))
                .until(() -> lookedUp.getCount() == 0 || aTransactionWaitsForAnAdvisoryLock());
        }));

        conversionBatch.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(stateTheClickBatchLeft.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
            .as("the click batch found the parked conversion and attributed it in its own transaction")
            .isEqualTo("ATTRIBUTED");
    }

    private boolean aTransactionWaitsForAnAdvisoryLock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'""")
            .query(Long.class)
            .single() > 0;
    }

    private String state(ConversionReported conversion) {
        return jdbc.sql("select state from conversions where event_id = ?")
            .param(conversion.getEventId())
            .query(String.class)
            .optional()
            .orElse(null);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the other transaction got there").isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
