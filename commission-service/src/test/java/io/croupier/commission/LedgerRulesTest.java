package io.croupier.commission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.croupier.commission.CommissionFlowTest.at;
import static io.croupier.commission.CommissionFlowTest.player;
import static io.croupier.commission.Events.attributed;
import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.money;
import static io.croupier.commission.Events.reported;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per rule, named after it, each asserting the ledger entry the rule writes: the conversions go through the
 * real topic and the entries are read back from the real database. Rules with a seed's worked example are also in
 * {@link SeedWorkedExamplesTest}; {@code RuleTestNamesTest} keeps a test named after every rule.
 */
@CommissionServiceTest
class LedgerRulesTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @Autowired
    Driver driver;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registrationAwaitingDepositEarnsNothingAndLeavesTheRegistrationOpenForALaterDeposit() {
        AttributedConversion registration = sub(cpaOffer(), uniqueId("sub"), ConversionKind.REGISTRATION, "0");

        LedgerEntry entry = driver.main(registration);

        assertThat(entry.rule()).isEqualTo("REGISTRATION_AWAITING_DEPOSIT");
        assertAmount(entry.revenue(), "0.00", "BRL");
        assertThat(openRegistrations(registration.getEventId())).isEqualTo(1);
    }

    @Test
    void registrationNotPaidWithoutACpaPartAndNotKeptForADeposit() {
        AttributedConversion registration = sub(revShareOffer(false), uniqueId("sub"), ConversionKind.REGISTRATION,
                "0");

        LedgerEntry entry = driver.main(registration);

        assertThat(entry.rule()).isEqualTo("REGISTRATION_NOT_PAID");
        assertThat(entry.revenue().isZero()).isTrue();
        assertThat(openRegistrations(registration.getEventId())).isZero();
    }

    @Test
    void cpaQualifiedPaysTheCpaAmountForADepositOfTheMinimumAndConsumesTheRegistration() {
        String offer = cpaOffer();
        String subId = uniqueId("sub");
        AttributedConversion registration = sub(offer, subId, ConversionKind.REGISTRATION, "0");
        driver.process(registration);

        LedgerEntry entry = driver.main(sub(offer, subId, ConversionKind.DEPOSIT, "10.00"));

        assertThat(entry.rule()).isEqualTo("CPA_QUALIFIED");
        assertAmount(entry.revenue(), "150.00", "BRL");
        assertThat(openRegistrations(registration.getEventId())).isZero();
    }

    @Test
    void cpaNoPriorRegistrationEarnsNothingForADepositWithoutARegistration() {
        LedgerEntry entry = driver.main(sub(cpaOffer(), uniqueId("sub"), ConversionKind.DEPOSIT, "50.00"));

        assertThat(entry.rule()).isEqualTo("CPA_NO_PRIOR_REGISTRATION");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void cpaAlreadyPaidForALaterDepositOfAPlayerWhoseCpaWasPaid() {
        String offer = cpaOffer();
        String player = uniqueId("player");
        driver.process(player(offer, player, ConversionKind.REGISTRATION, null, null, null));
        driver.process(player(offer, player, ConversionKind.FTD, "100.00", true, uniqueId("tx")));

        LedgerEntry entry = driver.main(player(offer, player, ConversionKind.DEPOSIT, "100.00",
                null, uniqueId("tx")));

        assertThat(entry.rule()).isEqualTo("CPA_ALREADY_PAID");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void cpaNotFirstDepositEarnsNothingAndKeepsTheRegistrationOpen() {
        String offer = cpaOffer();
        String player = uniqueId("player");
        AttributedConversion registration = player(offer, player, ConversionKind.REGISTRATION,
                null, null, null);
        driver.process(registration);

        LedgerEntry entry = driver.main(player(offer, player, ConversionKind.DEPOSIT, "100.00",
                false, uniqueId("tx")));

        assertThat(entry.rule()).isEqualTo("CPA_NOT_FIRST_DEPOSIT");
        assertAmount(entry.revenue(), "0.00", "BRL");
        assertThat(openRegistrations(registration.getEventId())).isEqualTo(1);
    }

    @Test
    void cpaBelowMinDepositEarnsNothingAndKeepsTheRegistrationOpen() {
        String offer = cpaOffer();
        String subId = uniqueId("sub");
        AttributedConversion registration = sub(offer, subId, ConversionKind.REGISTRATION, "0");
        driver.process(registration);

        LedgerEntry entry = driver.main(sub(offer, subId, ConversionKind.DEPOSIT, "9.99"));

        assertThat(entry.rule()).isEqualTo("CPA_BELOW_MIN_DEPOSIT");
        assertAmount(entry.revenue(), "0.00", "BRL");
        assertThat(entry.inputs()).containsEntry("deal_min_deposit", "10.00 BRL");
        assertThat(openRegistrations(registration.getEventId())).isEqualTo(1);
    }

    @Test
    void cpaDepositCurrencyMismatchIsNotComparedWithTheMinimumAndEarnsNothing() {
        String offer = cpaOffer();
        String subId = uniqueId("sub");
        driver.process(sub(offer, subId, ConversionKind.REGISTRATION, "0"));

        LedgerEntry entry = driver.main(attributed(offer, null, reported(ConversionKind.DEPOSIT,
                ConversionStatus.APPROVED).setSubId(subId).setAmount(money("500.00", "USD")).build()).build());

        assertThat(entry.rule()).isEqualTo("CPA_DEPOSIT_CURRENCY_MISMATCH");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void cpaDepositAmountMissingEarnsNothingWhereTheDealHasAMinimum() {
        String offer = cpaOffer();
        String subId = uniqueId("sub");
        driver.process(sub(offer, subId, ConversionKind.REGISTRATION, "0"));

        LedgerEntry entry = driver.main(sub(offer, subId, ConversionKind.DEPOSIT, null));

        assertThat(entry.rule()).isEqualTo("CPA_DEPOSIT_AMOUNT_MISSING");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void depositNotPaidUnderRevshareIsRecordedWithNothingEarned() {
        LedgerEntry entry = driver.main(sub(revShareOffer(false), uniqueId("sub"), ConversionKind.DEPOSIT, "100.00"));

        assertThat(entry.rule()).isEqualTo("DEPOSIT_NOT_PAID_UNDER_REVSHARE");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void revshareAfterCarriedLossPaysItsPercentageOfWhatTheProfitLeavesOfTheLoss() {
        String offer = revShareOffer(true);
        String subId = uniqueId("sub");
        driver.process(sub(offer, subId, ConversionKind.PROFIT, "-40.00"));

        LedgerEntry entry = driver.main(sub(offer, subId, ConversionKind.PROFIT, "90.00"));

        assertThat(entry.rule()).isEqualTo("REVSHARE_AFTER_CARRIED_LOSS");
        assertAmount(entry.revenue(), "15.00", "BRL");
        assertThat(entry.inputs()).containsEntry("carried_loss_before", "40.00 BRL");
    }

    @Test
    void revshareOffsetByCarriedLossEarnsNothingAndOnlyReducesTheLoss() {
        String offer = revShareOffer(true);
        String subId = uniqueId("sub");
        driver.process(sub(offer, subId, ConversionKind.PROFIT, "-40.00"));

        LedgerEntry entry = driver.main(sub(offer, subId, ConversionKind.PROFIT, "30.00"));

        assertThat(entry.rule()).isEqualTo("REVSHARE_OFFSET_BY_CARRIED_LOSS");
        assertAmount(entry.revenue(), "0.00", "BRL");
        assertThat(entry.inputs()).containsEntry("carried_loss_after", "10.00 BRL");
    }

    @Test
    void revshareNegativeProfitIsRecordedAndForgottenWithCarryOverOff() {
        String offer = revShareOffer(false);
        String subId = uniqueId("sub");

        LedgerEntry loss = driver.main(sub(offer, subId, ConversionKind.PROFIT, "-40.00"));
        LedgerEntry later = driver.main(sub(offer, subId, ConversionKind.PROFIT, "100.00"));

        assertThat(loss.rule()).isEqualTo("REVSHARE_NEGATIVE_PROFIT");
        assertAmount(loss.revenue(), "0.00", "BRL");
        assertThat(later.rule()).isEqualTo("REVSHARE");
        assertAmount(later.revenue(), "30.00", "BRL");
    }

    @Test
    void revshareLossCarriedOverEarnsNothingAndKeepsTheLossWithCarryOverOn() {
        LedgerEntry entry = driver.main(sub(revShareOffer(true), uniqueId("sub"), ConversionKind.PROFIT, "-40.00"));

        assertThat(entry.rule()).isEqualTo("REVSHARE_LOSS_CARRIED_OVER");
        assertAmount(entry.revenue(), "0.00", "BRL");
        assertThat(entry.inputs()).containsEntry("carried_loss_after", "40.00 BRL");
    }

    @Test
    void revshareProfitAmountMissingEarnsNothing() {
        LedgerEntry entry = driver.main(sub(revShareOffer(false), uniqueId("sub"), ConversionKind.PROFIT, null));

        assertThat(entry.rule()).isEqualTo("REVSHARE_PROFIT_AMOUNT_MISSING");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void profitNotPaidUnderCpaEarnsNothing() {
        LedgerEntry entry = driver.main(sub(cpaOffer(), uniqueId("sub"), ConversionKind.PROFIT, "100.00"));

        assertThat(entry.rule()).isEqualTo("PROFIT_NOT_PAID_UNDER_CPA");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void notPaidUnderDealForAnOfferCompletionUnderACpaDeal() {
        LedgerEntry entry = driver.main(sub(cpaOffer(), uniqueId("sub"), ConversionKind.CONVERSION, "100.00"));

        assertThat(entry.rule()).isEqualTo("NOT_PAID_UNDER_DEAL");
        assertAmount(entry.revenue(), "0.00", "BRL");
    }

    @Test
    void noReportedPayoutEarnsNothingUnderADealWithNeitherCpaNorRevshare() {
        String offer = driver.offer(uniqueId("reported"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        String click = uniqueId("CLK");

        LedgerEntry entry = driver.main(attributed(offer, publisher, reported(ConversionKind.CONVERSION,
                ConversionStatus.APPROVED).setClickId(click).setConversionId("click:" + click).build()).build());

        assertThat(entry.rule()).isEqualTo("NO_REPORTED_PAYOUT");
        assertAmount(entry.revenue(), "0.00", "USD");
        assertThat(entry.publisherPayout().isZero()).isTrue();
    }

    @Test
    void alreadyApprovedEarnsNothingTheSecondTimeAConversionIsApproved() {
        String offer = driver.offer(uniqueId("reported"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        String transaction = uniqueId("tx");
        LedgerEntry first = driver.main(partner(offer, publisher, ConversionStatus.APPROVED, transaction));

        LedgerEntry repeat = driver.main(partner(offer, publisher, ConversionStatus.APPROVED, transaction));

        assertThat(first.rule()).isEqualTo("REPORTED_PAYOUT");
        assertAmount(first.publisherPayout(), "5.00", "USD");
        assertThat(repeat.rule()).isEqualTo("ALREADY_APPROVED");
        assertThat(repeat.revenue().isZero()).isTrue();
        assertThat(repeat.publisherPayout().isZero()).isTrue();
        assertThat(repeat.conversionKey()).isEqualTo(first.conversionKey());
    }

    @Test
    void pendingAfterApprovalIgnoredLeavesTheApprovalStanding() {
        String offer = driver.offer(uniqueId("reported"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        String transaction = uniqueId("tx");
        driver.process(partner(offer, publisher, ConversionStatus.APPROVED, transaction));

        List<LedgerEntry> pending = driver.process(partner(offer, publisher, ConversionStatus.PENDING, transaction));

        assertThat(pending).extracting(LedgerEntry::rule).containsExactly("PENDING_AFTER_APPROVAL_IGNORED");
        assertThat(pending.get(0).revenue().isZero()).isTrue();
        assertThat(pending.get(0).publisherPayout().isZero()).isTrue();
    }

    @Test
    void chargebackWithoutRecordedDepositEarnsNothingAndReversesNothing() {
        String offer = cpaOffer();
        String player = uniqueId("player");

        List<LedgerEntry> entries = driver.process(player(offer, player,
                ConversionKind.CHARGEBACK, "100.00", null, uniqueId("tx")));

        assertThat(entries).extracting(LedgerEntry::rule).containsExactly("CHARGEBACK_WITHOUT_RECORDED_DEPOSIT");
        assertAmount(entries.get(0).revenue(), "0.00", "BRL");
        assertThat(entries.get(0).inputs()).doesNotContainKey("disputed_entry");
    }

    @Test
    void chargebackAfterClawbackWindowLeavesWhatTheDepositEarned() {
        String offer = driver.offer(uniqueId("cpa"), deal(1, LONG_AGO, "BRL").setCpaAmount("150")
            .setMinDeposit("10").setClawbackWindowDays(30).build());
        String player = uniqueId("player");
        String transaction = uniqueId("tx");
        Instant deposited = Instant.parse("2024-03-01T12:00:00Z");
        driver.process(at(player(offer, player, ConversionKind.REGISTRATION, null, null, null),
                deposited));
        LedgerEntry deposit = driver.main(at(player(offer, player, ConversionKind.FTD, "100.00",
                true, transaction), deposited));

        List<LedgerEntry> entries = driver.process(at(player(offer, player,
                ConversionKind.CHARGEBACK, "100.00", null, transaction), deposited.plus(Duration.ofDays(31))));

        assertThat(deposit.rule()).isEqualTo("CPA_QUALIFIED");
        assertThat(entries).extracting(LedgerEntry::rule).containsExactly("CHARGEBACK_AFTER_CLAWBACK_WINDOW");
        assertAmount(entries.get(0).revenue(), "0.00", "BRL");
        assertThat(entries.get(0).inputs()).containsEntry("disputed_entry", deposit.entryId());
    }

    @Test
    void revshareReducedByChargebackTakesThePercentageOfTheChargedBackAmountAtOnce() {
        String offer = revShareOffer(false);
        String player = uniqueId("player");
        String transaction = uniqueId("tx");
        driver.process(player(offer, player, ConversionKind.DEPOSIT, "100.00", true,
                transaction));

        LedgerEntry entry = driver.main(player(offer, player, ConversionKind.CHARGEBACK, "80.00",
                null, transaction));

        assertThat(entry.rule()).isEqualTo("REVSHARE_REDUCED_BY_CHARGEBACK");
        assertAmount(entry.revenue(), "-24.00", "BRL");
    }

    @Test
    void revshareChargebackCarriedOverEarnsNothingAndCarriesTheAmountAsALoss() {
        String offer = revShareOffer(true);
        String player = uniqueId("player");

        LedgerEntry entry = driver.main(player(offer, player, ConversionKind.CHARGEBACK, "80.00",
                null, uniqueId("tx")));

        assertThat(entry.rule()).isEqualTo("REVSHARE_CHARGEBACK_CARRIED_OVER");
        assertAmount(entry.revenue(), "0.00", "BRL");
        assertThat(entry.inputs()).containsEntry("carried_loss_after", "80.00 BRL");
    }

    private String cpaOffer() {
        return driver.offer(uniqueId("cpa"), deal(1, LONG_AGO, "BRL").setCpaAmount("150").setMinDeposit("10").build());
    }

    private String revShareOffer(boolean negativeCarryOver) {
        return driver.offer(uniqueId("revshare"), deal(1, LONG_AGO, "BRL").setRevSharePercent("30")
            .setNegativeCarryOver(negativeCarryOver).build());
    }

    /** Registrations of the entry's conversion that no deposit has qualified yet. */
    private long openRegistrations(String inputEventId) {
        return jdbc.sql("""
                select count(*) from cpa_registrations where input_event_id = :id and qualified_by_entry is null""")
            .param("id", inputEventId)
            .query(Long.class)
            .single();
    }

    /** Seed 003's house postback: the affiliate's sub id is all that names the player; amounts in BRL. */
    private static AttributedConversion sub(String offerId, String subId, ConversionKind kind, String amount) {
        Money money = amount == null ? null : money(amount, "BRL");
        return attributed(offerId, null,
                reported(kind, ConversionStatus.APPROVED).setSubId(subId).setAmount(money).build()).build();
    }

    /** Seed 004's partner postback reporting a payout of 10 USD for one transaction. */
    private static AttributedConversion partner(String offerId, String publisherId, ConversionStatus status,
            String transactionId) {
        return SeedWorkedExamplesTest.partnerEvent(offerId, publisherId, status, "10.00", uniqueId("CLK"),
                transactionId, null);
    }

    private static void assertAmount(Amount amount, String value, String currency) {
        assertThat(amount.value()).as(amount.toString()).isEqualByComparingTo(value);
        assertThat(amount.currency()).isEqualTo(currency);
    }
}
