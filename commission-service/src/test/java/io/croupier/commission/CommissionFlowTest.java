package io.croupier.commission;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.croupier.commission.commissioning.Commissioning;
import io.croupier.commission.deal.DealNotKnownException;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.publisher.PublisherNotKnownException;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Tracking;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static io.croupier.commission.Events.attributed;
import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.money;
import static io.croupier.commission.Events.reported;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules beyond the seeds' worked examples, through the real topics and database. */
@CommissionServiceTest
class CommissionFlowTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Commissioning commissioning;

    @Autowired
    Driver driver;

    @Test
    void underASubIdEachRegistrationQualifiesOneCpaAndADepositConsumesTheOldestOpenOne() {
        String offer = cpaOffer();
        String subId = uniqueId("affiliate");
        AttributedConversion first = house(offer, subId, ConversionKind.REGISTRATION, "0");
        AttributedConversion second = house(offer, subId, ConversionKind.REGISTRATION, "0");
        driver.process(first);
        driver.process(second);

        LedgerEntry firstDeposit = driver.main(house(offer, subId, ConversionKind.DEPOSIT, "25.00"));
        LedgerEntry secondDeposit = driver.main(house(offer, subId, ConversionKind.DEPOSIT, "30.00"));
        LedgerEntry thirdDeposit = driver.main(house(offer, subId, ConversionKind.DEPOSIT, "40.00"));

        assertThat(List.of(firstDeposit.rule(), secondDeposit.rule(), thirdDeposit.rule()))
            .containsExactly("CPA_QUALIFIED", "CPA_QUALIFIED", "CPA_ALREADY_PAID");
        assertThat(qualifiedBy(first.getEventId())).isEqualTo(firstDeposit.entryId());
        assertThat(qualifiedBy(second.getEventId())).isEqualTo(secondDeposit.entryId());
    }

    @Test
    void aDepositBelowTheMinimumOrWithoutARegistrationEarnsNothingAndSaysWhy() {
        String offer = cpaOffer();
        String registered = uniqueId("sub");

        LedgerEntry unregistered = driver.main(house(offer, uniqueId("sub"), ConversionKind.DEPOSIT, "25.00"));
        driver.process(house(offer, registered, ConversionKind.REGISTRATION, "0"));
        LedgerEntry small = driver.main(house(offer, registered, ConversionKind.DEPOSIT, "9.99"));
        LedgerEntry enough = driver.main(house(offer, registered, ConversionKind.DEPOSIT, "10.00"));

        assertThat(unregistered.rule()).isEqualTo("CPA_NO_PRIOR_REGISTRATION");
        assertThat(unregistered.revenue().isZero()).isTrue();
        assertThat(small.rule()).isEqualTo("CPA_BELOW_MIN_DEPOSIT");
        assertThat(small.inputs()).containsEntry("amount", "9.99 BRL").containsEntry("deal_min_deposit", "10.00 BRL");
        assertThat(enough.rule()).isEqualTo("CPA_QUALIFIED");
    }

    @Test
    void laterDepositsOfAPlayerNeverPayCpaAgain() {
        String offer = cpaOffer();
        String player = uniqueId("player");
        driver.process(player(offer, player, ConversionKind.REGISTRATION, null, null, null));
        driver.process(player(offer, player, ConversionKind.REGISTRATION, null, null, null));

        LedgerEntry ftd = driver.main(player(offer, player, ConversionKind.FTD, "100.00", true, uniqueId("tx")));
        LedgerEntry repeat = driver.main(player(offer, player, ConversionKind.DEPOSIT, "200.00", false,
                uniqueId("tx")));
        LedgerEntry unflagged = driver.main(player(offer, player, ConversionKind.DEPOSIT, "200.00", null,
                uniqueId("tx")));

        assertThat(ftd.rule()).isEqualTo("CPA_QUALIFIED");
        assertThat(ftd.firstDeposit()).isTrue();
        assertThat(repeat.rule()).isEqualTo("CPA_NOT_FIRST_DEPOSIT");
        assertThat(unflagged.rule()).isEqualTo("CPA_ALREADY_PAID");
    }

    @Test
    void cpaFollowsTheFirstDepositThatAttributionDecidedWhenTheCasinoSentNoFlag() {
        String offer = cpaOffer();
        String player = uniqueId("player");
        driver.process(player(offer, player, ConversionKind.REGISTRATION, null, null, null));
        AttributedConversion first = player(offer, player, ConversionKind.DEPOSIT, "10.00", null, uniqueId("tx"));
        first.setFirstDeposit(true);
        AttributedConversion second = player(offer, player, ConversionKind.DEPOSIT, "10.00", null, uniqueId("tx"));
        second.setFirstDeposit(false);

        LedgerEntry firstEntry = driver.main(first);
        LedgerEntry secondEntry = driver.main(second);

        assertThat(firstEntry.rule()).isEqualTo("CPA_QUALIFIED");
        assertThat(firstEntry.firstDeposit()).isTrue();
        assertThat(secondEntry.rule()).isEqualTo("CPA_NOT_FIRST_DEPOSIT");
        assertThat(secondEntry.firstDeposit()).isFalse();
    }

    @Test
    void negativeCarryOverIsAPerDealSettingAndItsEffectIsVisibleInTheLedger() {
        String offer = driver.offer(uniqueId("carry"),
                deal(1, LONG_AGO, "BRL").setRevSharePercent("30").setNegativeCarryOver(true).build());
        String subId = uniqueId("sub");

        LedgerEntry loss = driver.main(house(offer, subId, ConversionKind.PROFIT, "-40.00"));
        LedgerEntry offset = driver.main(house(offer, subId, ConversionKind.PROFIT, "30.00"));
        LedgerEntry paid = driver.main(house(offer, subId, ConversionKind.PROFIT, "90.00"));

        assertThat(loss.rule()).isEqualTo("REVSHARE_LOSS_CARRIED_OVER");
        assertThat(loss.inputs()).containsEntry("carried_loss_after", "40.00 BRL");
        assertThat(offset.rule()).isEqualTo("REVSHARE_OFFSET_BY_CARRIED_LOSS");
        assertThat(offset.revenue().isZero()).isTrue();
        assertThat(paid.rule()).isEqualTo("REVSHARE_AFTER_CARRIED_LOSS");
        assertThat(paid.revenue()).hasToString("24.00 BRL");
        assertThat(paid.inputs()).containsEntry("carried_loss_before", "10.00 BRL");
    }

    @Test
    void aDealChangeAppliesToEventsFromItsEffectiveTimeOnAndEachEntryNamesTheVersionItUsed() {
        String offer = uniqueId("versioned");
        Instant change = Instant.parse("2025-01-01T00:00:00Z");
        driver.offer(offer, deal(1, LONG_AGO, "BRL").setRevSharePercent("30").build());
        driver.offer(offer, deal(2, change, "BRL").setRevSharePercent("40").build());

        LedgerEntry before = driver.main(profitAt(offer, "100.00", change.minusSeconds(1)));
        LedgerEntry after = driver.main(profitAt(offer, "100.00", change));

        assertThat(before.dealVersion()).isEqualTo(1);
        assertThat(before.revenue()).hasToString("30.00 BRL");
        assertThat(after.dealVersion()).isEqualTo(2);
        assertThat(after.revenue()).hasToString("40.00 BRL");
    }

    @Test
    void aConversionWhoseDealIsNotKnownYetIsRetriedUntilItIsNeverGuessed() {
        String offer = uniqueId("late-offer");
        AttributedConversion profit = house(offer, uniqueId("sub"), ConversionKind.PROFIT, "80.00");

        assertThatThrownBy(() -> commissioning.apply(List.of(profit))).isInstanceOf(DealNotKnownException.class);
        assertThat(jdbc.sql("select count(*) from processed_events where event_id = :id")
            .param("id", profit.getEventId())
            .query(Long.class)
            .single()).as("the failed attempt left nothing behind, not even its inbox row").isZero();

        driver.publish(profit);
        driver.offer(offer, deal(1, LONG_AGO, "BRL").setRevSharePercent("30").build());

        assertThat(driver.entriesOf(profit).get(0).revenue()).hasToString("24.00 BRL");
    }

    @Test
    void tombstonesOfOffersAndPublishersKeepTheirHistoryForLateConversions() throws Exception {
        String offer = driver.offer(uniqueId("gone"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        kafka.send(Topics.OFFERS.name(), offer, null).get();
        kafka.send(Topics.PUBLISHERS.name(), publisher, null).get();
        // Each reference topic has one partition: once these are stored, the tombstones before them were read.
        driver.offer(uniqueId("after-tombstone"), deal(1, LONG_AGO, "USD").build());
        driver.publisher(uniqueId("after-tombstone"), false, share("50"), Map.of());

        LedgerEntry late = driver.main(SeedWorkedExamplesTest.partnerEvent(offer, publisher,
                ConversionStatus.APPROVED, "10.00", uniqueId("CLK"), null, null));

        assertThat(late.revenue()).hasToString("10.00 USD");
        assertThat(late.publisherPayout()).hasToString("5.00 USD");
    }

    @Test
    void aConversionForAPublisherWhoseTermsAreNotKnownYetFailsSoItIsRetriedNeverPaidNothing() {
        String offer = driver.offer(uniqueId("offer"), deal(1, LONG_AGO, "USD").build());
        AttributedConversion conversion = SeedWorkedExamplesTest.partnerEvent(offer, uniqueId("unknown-pub"),
                ConversionStatus.APPROVED, "5.00", uniqueId("CLK"), null, null);

        assertThatThrownBy(() -> commissioning.apply(List.of(conversion)))
            .isInstanceOf(PublisherNotKnownException.class);
        assertThat(driver.entries(conversion.getEventId())).isEmpty();
    }

    @Test
    void aChargebackReversesTheDepositsEffect() {
        String offer = cpaOffer();
        String player = uniqueId("player");
        String transaction = uniqueId("tx");
        driver.process(player(offer, player, ConversionKind.REGISTRATION, null, null, null));
        LedgerEntry ftd = driver.main(player(offer, player, ConversionKind.FTD, "100.00", true, transaction));

        List<LedgerEntry> chargeback = driver.process(
                player(offer, player, ConversionKind.CHARGEBACK, "100.00", null, transaction));

        assertThat(chargeback).extracting(LedgerEntry::rule).containsExactly("CHARGEBACK", "CLAWBACK");
        assertThat(chargeback.get(1).reverses()).isEqualTo(ftd.entryId());
        assertThat(chargeback.get(1).revenue()).hasToString("-150.00 BRL");
        assertThat(jdbc.sql("select total_deposits from customer_ltv where player_id = :p and currency = 'BRL'")
            .param("p", player)
            .query(BigDecimal.class)
            .single()).isZero();
    }

    @Test
    void aChargebackClawsBackTheCpaOnlyWithinTheDealsClawbackWindow() {
        String offer = driver.offer(uniqueId("cpa"), deal(1, LONG_AGO, "BRL").setCpaAmount("150")
            .setMinDeposit("10").setClawbackWindowDays(30).build());
        Instant deposited = Instant.parse("2024-03-01T12:00:00Z");
        String onTheLastDay = uniqueId("player");
        String aDayLate = uniqueId("player");
        for (String player : List.of(onTheLastDay, aDayLate)) {
            driver.process(at(player(offer, player, ConversionKind.REGISTRATION, null, null, null), deposited));
            driver.main(at(player(offer, player, ConversionKind.FTD, "100.00", true, "tx-" + player), deposited));
        }

        List<LedgerEntry> inTime = driver.process(at(player(offer, onTheLastDay, ConversionKind.CHARGEBACK, "100.00",
                null, "tx-" + onTheLastDay), deposited.plus(Duration.ofDays(30))));
        List<LedgerEntry> late = driver.process(at(player(offer, aDayLate, ConversionKind.CHARGEBACK, "100.00",
                null, "tx-" + aDayLate), deposited.plus(Duration.ofDays(30)).plusSeconds(1)));

        assertThat(inTime).extracting(LedgerEntry::rule).containsExactly("CHARGEBACK", "CLAWBACK");
        assertThat(inTime.get(1).revenue()).hasToString("-150.00 BRL");
        assertThat(late).extracting(LedgerEntry::rule).containsExactly("CHARGEBACK_AFTER_CLAWBACK_WINDOW");
        assertThat(late.get(0).revenue().value()).isZero();
        assertThat(late.get(0).inputs()).containsEntry("deal_clawback_window_days", "30");
    }

    @Test
    void aChargebackReducesRevShareAtOnceWithNegativeCarryOverOff() {
        String offer = driver.offer(uniqueId("revshare"), deal(1, LONG_AGO, "BRL").setRevSharePercent("30").build());
        String player = uniqueId("player");
        driver.process(player(offer, player, ConversionKind.DEPOSIT, "100.00", true, "tx-" + player));

        List<LedgerEntry> chargeback = driver.process(player(offer, player, ConversionKind.CHARGEBACK, "100.00",
                null, "tx-" + player));

        assertThat(chargeback).extracting(LedgerEntry::rule)
            .containsExactly("REVSHARE_REDUCED_BY_CHARGEBACK", "CLAWBACK");
        assertThat(chargeback.get(0).revenue().value()).isEqualByComparingTo("-30");
        assertThat(chargeback.get(0).revenue().currency()).isEqualTo("BRL");
        assertThat(chargeback.get(1).revenue().value()).as("the deposit earned nothing to take back").isZero();
        assertThat(chargeback.get(0).inputs()).containsEntry("cpa_clawback", "CHARGEBACK");
    }

    @Test
    void aChargebackIsCarriedAgainstLaterProfitWithNegativeCarryOverOn() {
        String offer = driver.offer(uniqueId("revshare"), deal(1, LONG_AGO, "BRL").setRevSharePercent("30")
            .setNegativeCarryOver(true).build());
        String player = uniqueId("player");

        LedgerEntry chargeback = driver.main(player(offer, player, ConversionKind.CHARGEBACK, "100.00", null,
                "tx-" + player));
        LedgerEntry profit = driver.main(player(offer, player, ConversionKind.PROFIT, "150.00", null, null));

        assertThat(chargeback.rule()).isEqualTo("REVSHARE_CHARGEBACK_CARRIED_OVER");
        assertThat(chargeback.revenue().value()).isZero();
        assertThat(chargeback.inputs()).containsEntry("carried_loss_after", "100.00 BRL");
        assertThat(profit.rule()).isEqualTo("REVSHARE_AFTER_CARRIED_LOSS");
        assertThat(profit.revenue().value()).as("30 % of what the profit leaves of the carried loss")
            .isEqualByComparingTo("15");
    }

    @Test
    void theLedgerIsAppendOnly() {
        LedgerEntry entry = driver.main(house(cpaOffer(), uniqueId("sub"), ConversionKind.REGISTRATION, "0"));

        assertThatThrownBy(() -> jdbc.sql("update ledger_entries set revenue = 1 where entry_id = :id")
            .param("id", entry.entryId())
            .update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_entries where entry_id = :id")
            .param("id", entry.entryId())
            .update()).hasMessageContaining("append-only");
    }

    @Test
    void userPointsAreRaceFreeUnderConcurrentEvents() throws Exception {
        String offer = driver.offer(uniqueId("offer"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        int conversions = 16;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < conversions; i++) {
                AttributedConversion conversion = SeedWorkedExamplesTest.partnerEvent(offer, publisher,
                        ConversionStatus.APPROVED, "1.00", uniqueId("CLK"), null, "same-user");
                done.add(threads.submit(() -> commissioning.apply(List.of(conversion))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            threads.shutdown();
        }

        assertThat(jdbc.sql("select points from user_points where publisher_id = :p and user_id = 'same-user'")
            .param("p", publisher)
            .query(BigDecimal.class)
            .single()).isEqualByComparingTo("12.80");
    }

    private String cpaOffer() {
        return driver.offer(uniqueId("cpa"),
                deal(1, LONG_AGO, "BRL").setCpaAmount("150").setMinDeposit("10").build());
    }

    private String qualifiedBy(String registrationEventId) {
        return jdbc.sql("select qualified_by_entry from cpa_registrations where input_event_id = :id")
            .param("id", registrationEventId)
            .query(String.class)
            .single();
    }

    private static AttributedConversion house(String offerId, String subId, ConversionKind kind, String amount) {
        return SeedWorkedExamplesTest.houseEvent(offerId, subId, kind, amount);
    }

    private static AttributedConversion profitAt(String offerId, String amount, Instant occurredAt) {
        return attributed(offerId, null, reported(ConversionKind.PROFIT, ConversionStatus.APPROVED)
            .setSubId(uniqueId("sub"))
            .setAmount(money(amount, "BRL"))
            .setOccurredAt(occurredAt)
            .build()).build();
    }

    static AttributedConversion at(AttributedConversion conversion, Instant occurredAt) {
        return AttributedConversion.newBuilder(conversion)
            .setConversion(ConversionReported.newBuilder(conversion.getConversion()).setOccurredAt(occurredAt).build())
            .build();
    }

    static AttributedConversion player(String offerId, String playerId, ConversionKind kind, String amount,
            Boolean firstDeposit, String transactionId) {
        return attributed(offerId, null, reported(kind, ConversionStatus.APPROVED).setPlayerId(playerId)
            .setAmount(amount == null ? null : money(amount, "BRL"))
            .setFirstDeposit(firstDeposit)
            .setTransactionId(transactionId)
            .setConversionId(transactionId == null ? null : "deposit:" + transactionId)
            .build()).setTracking(Tracking.newBuilder().setCampaign("campaign-" + offerId).build()).build();
    }
}
