package io.croupier.commission;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.PayoutDue;
import io.croupier.events.Tracking;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static io.croupier.commission.Events.attributed;
import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.fixed;
import static io.croupier.commission.Events.money;
import static io.croupier.commission.Events.reported;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every worked example of seeds 003 and 004, end to end through the service's topics and database. */
@CommissionServiceTest
class SeedWorkedExamplesTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Test
    void seed003CpaPaysR$150AfterARegistrationAndAR$25Deposit() {
        String brazino = driver.offer(uniqueId("brazino"),
                deal(1, LONG_AGO, "BRL").setCpaAmount("150").setMinDeposit("10").build());
        String subId = uniqueId("joao123");

        LedgerEntry registration = driver.main(houseEvent(brazino, subId, ConversionKind.REGISTRATION, "0"));
        AttributedConversion depositEvent = houseEvent(brazino, subId, ConversionKind.DEPOSIT, "25.00");
        LedgerEntry deposit = driver.main(depositEvent);

        assertThat(registration.revenue()).hasToString("0.00 BRL");
        assertThat(registration.rule()).isEqualTo("REGISTRATION_AWAITING_DEPOSIT");
        assertThat(deposit.revenue()).hasToString("150.00 BRL");
        assertThat(deposit.rule()).isEqualTo("CPA_QUALIFIED");
        assertThat(deposit.dealVersion()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> !driver.announcedEntriesOf(deposit.inputEventId()).isEmpty());
        LedgerEntryRecorded recorded = driver.announcedEntriesOf(deposit.inputEventId()).get(0);
        assertThat(recorded.getEventId()).isEqualTo("ledger:" + deposit.entryId());
        assertThat(recorded.getRevenue()).isEqualTo(money("150.00", "BRL"));
        assertThat(recorded.getRule()).isEqualTo("CPA_QUALIFIED");
        assertThat(recorded.getPostbackLogId()).as("what postback-service's seed 003 answer waits for")
            .isEqualTo(depositEvent.getConversion().getPostbackLogId());
    }

    @Test
    void seed003RevSharePaysNothingForTheDepositAndR$24For30PercentOfAR$80Profit() {
        String bet365 = driver.offer(uniqueId("bet365"),
                deal(1, LONG_AGO, "BRL").setRevSharePercent("30").setMinDeposit("0").build());
        String subId = uniqueId("maria456");

        LedgerEntry registration = driver.main(houseEvent(bet365, subId, ConversionKind.REGISTRATION, "0"));
        LedgerEntry deposit = driver.main(houseEvent(bet365, subId, ConversionKind.DEPOSIT, "100.00"));
        LedgerEntry profit = driver.main(houseEvent(bet365, subId, ConversionKind.PROFIT, "80.00"));

        assertThat(registration.revenue()).hasToString("0.00 BRL");
        assertThat(deposit.revenue()).hasToString("0.00 BRL");
        assertThat(deposit.rule()).isEqualTo("DEPOSIT_NOT_PAID_UNDER_REVSHARE");
        assertThat(profit.revenue()).hasToString("24.00 BRL");
        assertThat(profit.rule()).isEqualTo("REVSHARE");
    }

    @Test
    void seed004Scenario1PaysThePublisher80PercentOf$5ForwardsItAndCreditsTheUser4Points() {
        String offer = reportedPayoutOffer();
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String endUser = uniqueId("end-user");

        AttributedConversion survey = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "5.00",
                uniqueId("CLK"), uniqueId("TXN"), endUser);
        LedgerEntry entry = driver.main(survey);

        assertThat(entry.revenue()).hasToString("5.00 USD");
        assertThat(entry.publisherPayout()).hasToString("4.00 USD");
        assertThat(entry.rule()).isEqualTo("REPORTED_PAYOUT");
        PayoutDue payout = awaitPayouts(publisher, 1).get(0);
        assertThat(payout.getEventId()).isEqualTo("payout:" + entry.entryId());
        assertThat(payout.getPayout()).isEqualTo(money("4.00", "USD"));
        assertThat(payout.getStatus()).isEqualTo(ConversionStatus.APPROVED);
        assertThat(payout.getClickId()).isEqualTo(survey.getClickId());
        assertThat(payout.getTransactionId()).isEqualTo(survey.getConversion().getTransactionId());
        assertThat(payout.getTracking().getSub1()).isEqualTo(endUser);
        assertThat(points(publisher, endUser)).isEqualByComparingTo("4");
    }

    @Test
    void seed004Scenario3Pays$2Point80Of$3Point50At80Percent() {
        String offer = reportedPayoutOffer();
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());

        LedgerEntry entry = driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "3.50",
                uniqueId("CLK"), uniqueId("TXN"), "user-1"));

        assertThat(entry.revenue()).hasToString("3.50 USD");
        assertThat(entry.publisherPayout()).hasToString("2.80 USD");
    }

    @Test
    void seed004Scenario7PaysAFixed$50RegardlessOfThe$100PaidUpstreamAnd80PercentElsewhere() {
        String fixedOffer = reportedPayoutOffer();
        String shareOffer = reportedPayoutOffer();
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"),
                Map.of(fixedOffer, fixed("50", "USD")));

        LedgerEntry fixedEntry = driver.main(partnerEvent(fixedOffer, publisher, ConversionStatus.APPROVED,
                "100.00", uniqueId("CLK-FIXED"), null, "user-1"));
        LedgerEntry shareEntry = driver.main(partnerEvent(shareOffer, publisher, ConversionStatus.APPROVED,
                "100.00", uniqueId("CLK-REV"), null, "user-1"));

        assertThat(fixedEntry.revenue()).hasToString("100.00 USD");
        assertThat(fixedEntry.publisherPayout()).hasToString("50.00 USD");
        assertThat(shareEntry.publisherPayout()).hasToString("80.00 USD");
    }

    @Test
    void seed004Scenario2PendingThenApprovedPaysOnceAndThePublisherHearsOfBoth() {
        String offer = reportedPayoutOffer();
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String click = uniqueId("CLK");
        String transaction = uniqueId("TXN");

        LedgerEntry pending = driver.main(partnerEvent(offer, publisher, ConversionStatus.PENDING, "10.00", click,
                transaction, "user-2"));
        LedgerEntry approved = driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "10.00", click,
                transaction, "user-2"));
        LedgerEntry approvedAgain = driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "10.00",
                click, transaction, "user-2"));

        assertThat(pending.rule()).isEqualTo("PENDING");
        assertThat(pending.revenue().isZero()).isTrue();
        assertThat(approved.revenue()).hasToString("10.00 USD");
        assertThat(approved.publisherPayout()).hasToString("8.00 USD");
        assertThat(approvedAgain.rule()).isEqualTo("ALREADY_APPROVED");
        assertThat(approvedAgain.revenue().isZero()).isTrue();
        List<PayoutDue> payouts = awaitPayouts(publisher, 2);
        assertThat(payouts).extracting(PayoutDue::getStatus)
            .containsExactly(ConversionStatus.PENDING, ConversionStatus.APPROVED);
        assertThat(payouts).extracting(PayoutDue::getPayout)
            .containsExactly(money("8.00", "USD"), money("8.00", "USD"));
        assertThat(points(publisher, "user-2")).isEqualByComparingTo("8");
    }

    @Test
    void seed004RejectedAfterApprovedClawsBackRevenuePayoutAndPoints() {
        String offer = reportedPayoutOffer();
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String click = uniqueId("CLK");
        String transaction = uniqueId("TXN");

        LedgerEntry approved = driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "5.00", click,
                transaction, "user-3"));
        List<LedgerEntry> rejection = driver.process(partnerEvent(offer, publisher, ConversionStatus.REJECTED, "0",
                click, transaction, "user-3"));

        assertThat(rejection).hasSize(2);
        assertThat(rejection.get(0).rule()).isEqualTo("REJECTED");
        assertThat(rejection.get(0).revenue().isZero()).isTrue();
        LedgerEntry clawback = rejection.get(1);
        assertThat(clawback.rule()).isEqualTo("CLAWBACK");
        assertThat(clawback.reverses()).isEqualTo(approved.entryId());
        assertThat(clawback.revenue()).hasToString("-5.00 USD");
        assertThat(clawback.publisherPayout()).hasToString("-4.00 USD");
        List<PayoutDue> payouts = awaitPayouts(publisher, 2);
        assertThat(payouts.get(1).getStatus()).isEqualTo(ConversionStatus.REJECTED);
        assertThat(payouts.get(1).getPayout()).isEqualTo(money("-4.00", "USD"));
        assertThat(payouts.get(1).getReverses()).isEqualTo(approved.entryId());
        assertThat(points(publisher, "user-3")).isEqualByComparingTo("0");
    }

    @Test
    void alreadyRejectedALaterApprovalOrPendingReportOfARejectedConversionIsNeverPaidNorForwarded() {
        String offer = reportedPayoutOffer();
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String click = uniqueId("CLK");
        String transaction = uniqueId("TXN");

        LedgerEntry rejected = driver.main(partnerEvent(offer, publisher, ConversionStatus.REJECTED, "0", click,
                transaction, "user-5"));
        LedgerEntry approvedAfter = driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "33.24",
                click, transaction, "user-5"));
        LedgerEntry pendingAfter = driver.main(partnerEvent(offer, publisher, ConversionStatus.PENDING, "33.24",
                click, transaction, "user-5"));

        assertThat(rejected.rule()).isEqualTo("REJECTED");
        assertThat(List.of(approvedAfter, pendingAfter)).allSatisfy(entry -> {
            assertThat(entry.rule()).isEqualTo("ALREADY_REJECTED");
            assertThat(entry.revenue().isZero()).isTrue();
            assertThat(entry.publisherPayout().isZero()).isTrue();
            assertThat(entry.inputs()).containsEntry("rejected_by", rejected.entryId());
        });
        LedgerEntry marker = driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "1.00",
                uniqueId("CLK"), uniqueId("TXN"), "user-5"));
        assertThat(awaitPayouts(publisher, 2)).as("the rejection and the marker, nothing for the late reports")
            .extracting(PayoutDue::getEventId)
            .containsExactly("payout:" + rejected.entryId(), "payout:" + marker.entryId());
        assertThat(points(publisher, "user-5")).isEqualByComparingTo("0.80");
    }

    @Test
    void seed004Scenario5ARejectedConversionEarnsNothingAndIsForwardedWithItsStatus() {
        String offer = reportedPayoutOffer();
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());

        LedgerEntry rejected = driver.main(partnerEvent(offer, publisher, ConversionStatus.REJECTED, "0",
                uniqueId("CLK-FRAUD"), uniqueId("TXN-REJECT"), "user-4"));

        assertThat(rejected.rule()).isEqualTo("REJECTED");
        assertThat(rejected.revenue().isZero()).isTrue();
        PayoutDue payout = awaitPayouts(publisher, 1).get(0);
        assertThat(payout.getStatus()).isEqualTo(ConversionStatus.REJECTED);
        assertThat(new BigDecimal(payout.getPayout().getAmount())).isZero();
    }

    private String reportedPayoutOffer() {
        return driver.offer(uniqueId("offer"), deal(1, LONG_AGO, "USD").build());
    }

    private List<PayoutDue> awaitPayouts(String publisherId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> driver.payoutsTo(publisherId).size() >= count);
        return driver.payoutsTo(publisherId);
    }

    private BigDecimal points(String publisherId, String userId) {
        record Balance(BigDecimal points) {
        }
        return RestClient.create("http://localhost:" + port)
            .get()
            .uri("/publishers/{p}/users/{u}/points", publisherId, userId)
            .header("Authorization", TestInfrastructure.issuer().bearer(TestIssuer.ANALYST))
            .retrieve()
            .body(Balance.class)
            .points();
    }

    static AttributedConversion houseEvent(String offerId, String subId, ConversionKind kind, String amount) {
        return attributed(offerId, null,
                reported(kind, ConversionStatus.APPROVED).setSubId(subId).setAmount(money(amount, "BRL")).build())
            .build();
    }

    static AttributedConversion partnerEvent(String offerId, String publisherId, ConversionStatus status,
            String payout, String clickId, String transactionId, String endUser) {
        return attributed(offerId, publisherId,
                reported(ConversionKind.CONVERSION, status).setClickId(clickId)
                    .setTransactionId(transactionId)
                    .setConversionId(transactionId != null ? "tx:" + transactionId : "click:" + clickId)
                    .setReportedPayout(money(payout, "USD"))
                    .build())
            .setTracking(Tracking.newBuilder().setSub1(endUser).build())
            .build();
    }
}
