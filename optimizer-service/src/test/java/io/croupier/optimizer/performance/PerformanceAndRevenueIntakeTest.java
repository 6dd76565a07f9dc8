package io.croupier.optimizer.performance;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.croupier.events.ConversionStatus;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.optimizer.SeedPolicyIntegrationTest;
import io.croupier.optimizer.weights.WeightSet;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How performance windows and ledger revenue become EV inputs: replacement, dedupe, status and currency rules. */
class PerformanceAndRevenueIntakeTest extends SeedPolicyIntegrationTest {

    @Test
    void aLaterRevisionOfAWindowReplacesTheEarlierOne() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 300, 3, 1);
        window(alpha, 0, 1000, 10, 2);
        revenue(alpha, 0, "1000", "USD");

        WeightSet set = updateWeights();

        assertThat(entry(set, alpha).clicks()).isEqualTo(1000);
        assertThat(entry(set, alpha).ftds()).isEqualTo(10);
        assertThat(entry(set, alpha).ev()).isEqualByComparingTo("1.0");
    }

    @Test
    void anOlderRevisionArrivingLateDoesNotUndoANewerOne() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 10, 3);
        sendWindow(alpha, 0, 300, 3, 2);
        // Records of one offer share a partition, so once the marker window is stored the stale one was handled.
        window(alpha, 1, 0, 0, 1);

        assertThat(jdbc.sql("select clicks from offer_performance where offer_id = :id and window_start = :start")
            .param("id", alpha)
            .param("start", Timestamp.from(windowStart(0)))
            .query(Long.class)
            .single()).isEqualTo(1000);
    }

    @Test
    void aRedeliveredLedgerEntryIsCountedOnce() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 10);
        LedgerEntryRecorded entry = ledgerEntry(alpha, 0, "1000", "USD", ConversionStatus.APPROVED);
        send(Topics.LEDGER_ENTRIES.name(), Long.toString(alpha), entry);
        send(Topics.LEDGER_ENTRIES.name(), Long.toString(alpha), entry);
        revenue(alpha, 0, "500", "USD");

        WeightSet set = updateWeights();

        assertThat(entry(set, alpha).payout()).isEqualByComparingTo("1500");
        assertThat(entry(set, alpha).ev()).isEqualByComparingTo("1.5");
    }

    @Test
    void aReversalReducesThePayout() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 10);
        revenue(alpha, 0, "1000", "USD");
        revenue(alpha, 0, "-100", "USD");

        assertThat(entry(updateWeights(), alpha).ev()).isEqualByComparingTo("0.9");
    }

    @Test
    void onlyApprovedRevenueCounts() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 10);
        revenue(alpha, 0, "1000", "USD");
        revenue(alpha, 0, "700", "USD", ConversionStatus.PENDING);
        revenue(alpha, 0, "900", "USD", ConversionStatus.REJECTED);

        assertThat(entry(updateWeights(), alpha).payout()).isEqualByComparingTo("1000");
    }

    @Test
    void revenueInAnotherCurrencyIsComparedAtTheConfiguredRate() {
        long dollars = offer("Casino Dollar", true);
        long euros = offer("Casino Euro", true);
        window(dollars, 0, 1000, 10);
        revenue(dollars, 0, "1080", "USD");
        window(euros, 0, 1000, 10);
        revenue(euros, 0, "1000", "EUR");

        WeightSet set = updateWeights();

        // 1000 EUR at 1.08 is 1080 USD: the two offers are worth the same.
        assertThat(set.currency()).isEqualTo("USD");
        assertThat(entry(set, euros).payout()).isEqualByComparingTo("1080");
        assertThat(entry(set, euros).weight()).isEqualByComparingTo("1.0");
        assertThat(entry(set, dollars).weight()).isEqualByComparingTo("1.0");
        assertThat(entry(set, euros).revenue()).singleElement().satisfies(revenue -> {
            assertThat(revenue.currency()).isEqualTo("EUR");
            assertThat(revenue.amount()).isEqualByComparingTo("1000");
            assertThat(revenue.rate()).isEqualByComparingTo("1.08");
        });
    }

    @Test
    void revenueInACurrencyWithoutARateIsLeftOutAndShown() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 10);
        revenue(alpha, 0, "1000", "USD");
        revenue(alpha, 0, "5000", "JPY");

        WeightSet set = updateWeights();

        assertThat(entry(set, alpha).payout()).isEqualByComparingTo("1000");
        assertThat(entry(set, alpha).revenue()).anySatisfy(revenue -> {
            assertThat(revenue.currency()).isEqualTo("JPY");
            assertThat(revenue.rate()).isNull();
        });
    }

    @Test
    void anOfferUpdateChangesNameAndActiveAndADeletedOfferLeavesTheSet() {
        long alpha = offer("Casino Alpha", true);
        offer(alpha, "Casino Alpha Prime", false, Instant.now().plusSeconds(1));
        long beta = offer("Casino Beta", true);
        long gone = offer("Casino Gone", true);
        send(Topics.OFFERS.name(), Long.toString(gone), null);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> jdbc.sql("select count(*) from offers where offer_id = :id")
                .param("id", gone)
                .query(Long.class)
                .single() == 0);

        WeightSet set = updateWeights();

        assertThat(entry(set, alpha).name()).isEqualTo("Casino Alpha Prime");
        assertThat(entry(set, alpha).active()).isFalse();
        assertThat(entry(set, beta).active()).isTrue();
        assertThat(set.weights()).noneMatch(entry -> entry.id() == gone);
    }

    @Test
    void anOlderOfferSnapshotDoesNotUndoANewerOne() {
        long alpha = offer("Casino Alpha", true);
        offer(alpha, "Casino Alpha Prime", true, Instant.now().plusSeconds(60));
        sendOffer(alpha, "Casino Alpha", true, Instant.now().minusSeconds(60));
        // The offers topic has one partition: once the marker is stored, the stale snapshot was handled.
        offer("Marker", true);

        assertThat(jdbc.sql("select name from offers where offer_id = :id").param("id", alpha).query(String.class)
            .single()).isEqualTo("Casino Alpha Prime");
    }

    @Test
    void theRevisionIsTheRecordsOwnFieldNotPartOfItsId() {
        long alpha = offer("Casino Alpha", true);
        send(Topics.OFFER_PERFORMANCE.name(), Long.toString(alpha),
                performance(alpha, windowStart(0), 100, 2, 7).setEventId("performance:" + alpha + ":first").build());
        awaitWindow(alpha, 0, 100, 2);
        // Revision 6 is older, whatever its id says.
        send(Topics.OFFER_PERFORMANCE.name(), Long.toString(alpha),
                performance(alpha, windowStart(0), 50, 1, 6).setEventId("performance:" + alpha + ":0:99").build());
        window(alpha, 1, 10, 0);

        assertThat(jdbc.sql("select revision from offer_performance where offer_id = :id and window_start = :start")
            .param("id", alpha)
            .param("start", Timestamp.from(windowStart(0)))
            .query(Long.class)
            .single()).isEqualTo(7);
        awaitWindow(alpha, 0, 100, 2);
    }

    @Test
    void aWindowsFirstDepositDelaysAreStoredWithIt() {
        long alpha = offer("Casino Alpha", true);
        send(Topics.OFFER_PERFORMANCE.name(), Long.toString(alpha),
                performance(alpha, windowStart(0), 100, 3, 1).setFirstDepositDelays(List.of(60_000L, 7_200_000L))
                    .build());
        awaitWindow(alpha, 0, 100, 3);

        assertThat(jdbc.sql("""
                select unnest(first_deposit_delays) from offer_performance
                where offer_id = :id and window_start = :start""")
            .param("id", alpha)
            .param("start", Timestamp.from(windowStart(0)))
            .query(Long.class)
            .list()).containsExactly(60_000L, 7_200_000L);
    }
}
