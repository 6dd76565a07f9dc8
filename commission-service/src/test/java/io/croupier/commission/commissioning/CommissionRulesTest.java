package io.croupier.commission.commissioning;

import java.math.BigDecimal;
import java.time.Instant;

import io.croupier.commission.commissioning.Assessment.Effect;
import io.croupier.commission.Events;
import io.croupier.commission.deal.Deal;
import io.croupier.commission.money.Amount;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.GuessedLinkPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The deal rules of seeds 000, 001, 003 and 004, one test per rule. */
class CommissionRulesTest {

    private static final Deal CPA = deal(Amount.of("150", "BRL"), Amount.of("10", "BRL"), null, false);

    private static final Deal REVSHARE = deal(null, null, new BigDecimal("30"), false);

    private static final Deal REVSHARE_CARRYING_LOSSES = deal(null, null, new BigDecimal("30"), true);

    private static final Deal HYBRID = deal(Amount.of("150", "BRL"), Amount.of("10", "BRL"), new BigDecimal("25"),
            false);

    private static final Deal REPORTED = deal(null, null, null, false);

    private static final PlayerState REGISTERED = new PlayerState(true, false, null);

    private static final PlayerState NEVER_REGISTERED = new PlayerState(false, false, null);

    private static final PlayerState ALREADY_PAID = new PlayerState(false, true, null);

    @Test
    void cpaRegistrationEarnsNothingButIsRecordedForALaterDeposit() {
        Assessment assessment = CommissionRules.assess(fact(ConversionKind.REGISTRATION, null, null), CPA,
                NEVER_REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.REGISTRATION_AWAITING_DEPOSIT);
        assertThat(assessment.revenue().isZero()).isTrue();
        assertThat(assessment.effect()).isEqualTo(Effect.RECORD_REGISTRATION);
    }

    @Test
    void cpaIsPaidOnADepositOfAtLeastTheMinimumAfterARegistration() {
        Assessment assessment = CommissionRules.assess(deposit("10.00", null), CPA, REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.CPA_QUALIFIED);
        assertThat(assessment.revenue()).isEqualTo(Amount.of("150", "BRL"));
        assertThat(assessment.effect()).isEqualTo(Effect.QUALIFY_REGISTRATION);
    }

    @Test
    void cpaIsNotPaidForADepositBelowTheMinimum() {
        Assessment assessment = CommissionRules.assess(deposit("9.99", null), CPA, REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.CPA_BELOW_MIN_DEPOSIT);
        assertThat(assessment.revenue().isZero()).isTrue();
        assertThat(assessment.effect()).isEqualTo(Effect.NONE);
    }

    @Test
    void cpaIsNotPaidWithoutAPriorRegistration() {
        Assessment assessment = CommissionRules.assess(deposit("25.00", null), CPA, NEVER_REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.CPA_NO_PRIOR_REGISTRATION);
        assertThat(assessment.revenue().isZero()).isTrue();
    }

    @Test
    void cpaIsPaidOncePerPlayer() {
        Assessment assessment = CommissionRules.assess(deposit("25.00", null), CPA, ALREADY_PAID);

        assertThat(assessment.rule()).isEqualTo(Rule.CPA_ALREADY_PAID);
        assertThat(assessment.revenue().isZero()).isTrue();
    }

    @Test
    void onlyFirstDepositsCountTowardsCpa() {
        Assessment assessment = CommissionRules.assess(deposit("500.00", false), CPA, REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.CPA_NOT_FIRST_DEPOSIT);
        assertThat(assessment.revenue().isZero()).isTrue();
    }

    @Test
    void aDepositInAnotherCurrencyThanTheMinimumIsNotComparedWithoutAConversion() {
        Conversion deposit = fact(ConversionKind.DEPOSIT, Amount.of("1000", "USD"), null);

        assertThat(CommissionRules.assess(deposit, CPA, REGISTERED).rule())
            .isEqualTo(Rule.CPA_DEPOSIT_CURRENCY_MISMATCH);
    }

    @Test
    void revShareDoesNotPayForADeposit() {
        assertThat(CommissionRules.assess(deposit("100.00", null), REVSHARE, REGISTERED).rule())
            .isEqualTo(Rule.DEPOSIT_NOT_PAID_UNDER_REVSHARE);
    }

    @Test
    void revSharePaysItsPercentageOfAPositiveProfit() {
        Assessment assessment = CommissionRules.assess(profit("100.00"), REVSHARE, NEVER_REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.REVSHARE);
        assertThat(assessment.revenue()).isEqualTo(Amount.of("30", "BRL"));
    }

    @Test
    void revShareKeepsTheRevenueExactBeyondMinorUnits() {
        assertThat(CommissionRules.assess(profit("0.05"), REVSHARE, NEVER_REGISTERED).revenue().value())
            .isEqualByComparingTo("0.015");
    }

    @Test
    void negativeProfitEarnsNothingAndIsForgottenWithCarryOverOff() {
        Assessment assessment = CommissionRules.assess(profit("-40.00"), REVSHARE, NEVER_REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.REVSHARE_NEGATIVE_PROFIT);
        assertThat(assessment.revenue().isZero()).isTrue();
        assertThat(assessment.carriedLossAfter()).isNull();
    }

    @Test
    void negativeProfitIsCarriedOverAgainstFutureProfitWithCarryOverOn() {
        Assessment loss = CommissionRules.assess(profit("-40.00"), REVSHARE_CARRYING_LOSSES, NEVER_REGISTERED);
        PlayerState carrying = new PlayerState(false, false, loss.carriedLossAfter());
        Assessment smallProfit = CommissionRules.assess(profit("30.00"), REVSHARE_CARRYING_LOSSES, carrying);
        PlayerState stillCarrying = new PlayerState(false, false, smallProfit.carriedLossAfter());
        Assessment bigProfit = CommissionRules.assess(profit("90.00"), REVSHARE_CARRYING_LOSSES, stillCarrying);

        assertThat(loss.rule()).isEqualTo(Rule.REVSHARE_LOSS_CARRIED_OVER);
        assertThat(loss.carriedLossAfter()).isEqualTo(Amount.of("40", "BRL"));
        assertThat(smallProfit.rule()).isEqualTo(Rule.REVSHARE_OFFSET_BY_CARRIED_LOSS);
        assertThat(smallProfit.revenue().isZero()).isTrue();
        assertThat(smallProfit.carriedLossAfter()).isEqualTo(Amount.of("10", "BRL"));
        assertThat(bigProfit.rule()).isEqualTo(Rule.REVSHARE_AFTER_CARRIED_LOSS);
        assertThat(bigProfit.revenue()).isEqualTo(Amount.of("24", "BRL"));
        assertThat(bigProfit.carriedLossAfter().isZero()).isTrue();
        assertThat(bigProfit.details()).containsEntry("carried_loss_before", "10.00 BRL");
    }

    @Test
    void cpaDoesNotPayForProfit() {
        assertThat(CommissionRules.assess(profit("80.00"), CPA, REGISTERED).rule())
            .isEqualTo(Rule.PROFIT_NOT_PAID_UNDER_CPA);
    }

    @Test
    void aHybridDealPaysCpaOnTheDepositAndRevShareOnProfit() {
        assertThat(CommissionRules.assess(deposit("25.00", null), HYBRID, REGISTERED).revenue())
            .isEqualTo(Amount.of("150", "BRL"));
        assertThat(CommissionRules.assess(profit("80.00"), HYBRID, REGISTERED).revenue())
            .isEqualTo(Amount.of("20", "BRL"));
    }

    @Test
    void aReportedPayoutIsTheRevenueWhenTheDealHasNeitherCpaNorRevShare() {
        Conversion conversion = fact(ConversionKind.CONVERSION, null, Amount.of("42.50", "EUR"));

        Assessment assessment = CommissionRules.assess(conversion, REPORTED, NEVER_REGISTERED);

        assertThat(assessment.rule()).isEqualTo(Rule.REPORTED_PAYOUT);
        assertThat(assessment.revenue()).isEqualTo(Amount.of("42.50", "EUR"));
    }

    @Test
    void withoutAReportedPayoutAReportedPayoutDealEarnsNothing() {
        assertThat(CommissionRules.assess(fact(ConversionKind.FTD, null, null), REPORTED, NEVER_REGISTERED).rule())
            .isEqualTo(Rule.NO_REPORTED_PAYOUT);
    }

    private static Deal deal(Amount cpa, Amount minDeposit, BigDecimal revShare, boolean carryOver) {
        return new Deal("offer", 1, Instant.EPOCH, cpa, minDeposit, revShare, "BRL", carryOver,
                GuessedLinkPolicy.PAY, null, false);
    }

    private static Conversion deposit(String amount, Boolean firstDeposit) {
        return Conversion.of(Events.attributed("offer", null, Events.reported(ConversionKind.DEPOSIT,
                ConversionStatus.APPROVED).setSubId("sub").setAmount(Events.money(amount, "BRL"))
            .setFirstDeposit(firstDeposit)
            .build()).build());
    }

    private static Conversion profit(String amount) {
        return fact(ConversionKind.PROFIT, Amount.of(amount, "BRL"), null);
    }

    private static Conversion fact(ConversionKind kind, Amount amount, Amount reportedPayout) {
        return Conversion.of(Events.attributed("offer", null, Events.reported(kind, ConversionStatus.APPROVED)
            .setSubId("sub")
            .setAmount(amount == null ? null : amount.toEvent())
            .setReportedPayout(reportedPayout == null ? null : reportedPayout.toEvent())
            .build()).build());
    }
}
