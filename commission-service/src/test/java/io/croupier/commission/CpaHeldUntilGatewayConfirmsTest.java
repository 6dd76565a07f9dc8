package io.croupier.commission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.croupier.commission.commissioning.HeldPayouts;
import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.PayoutDue;
import io.croupier.events.PurchaseConfirmed;
import io.croupier.events.Tracking;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import static io.croupier.commission.Events.attributed;
import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.money;
import static io.croupier.commission.Events.reported;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deal with {@code cpa_requires_confirmation} holds a qualifying first deposit's CPA payout until analytics-service
 * announces the gateway's confirmation of the deposit ({@code PurchaseConfirmed}); then it is paid and forwarded once.
 */
@CommissionServiceTest
class CpaHeldUntilGatewayConfirmsTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    HeldPayouts heldPayouts;

    @Test
    void theCpaPayoutWaitsForTheGatewaysConfirmationAndIsThenPaidAndForwardedOnce() {
        String offer = offer(true);
        String publisher = driver.publisher(uniqueId("pub"), true, share("50"), Map.of());
        String player = uniqueId("player");
        String transaction = uniqueId("TXN");
        driver.process(conversion(offer, publisher, player, ConversionKind.REGISTRATION, null, null));

        LedgerEntry held = driver.main(conversion(offer, publisher, player, ConversionKind.FTD, "50.00", transaction));

        assertThat(held.rule()).isEqualTo("CPA_QUALIFIED");
        assertThat(held.revenue()).hasToString("150.00 BRL");
        assertThat(held.publisherPayout().isZero()).isTrue();
        assertThat(held.heldPayout()).hasToString("75.00 BRL");
        assertThat(held.inputs()).containsEntry("held_until", "gateway_confirmation")
            .doesNotContainKey("guessed_link_policy");
        assertThat(ledger.awaitingDecision(offer, publisher, null, 10)).extracting(LedgerEntry::entryId)
            .containsExactly(held.entryId());

        PurchaseConfirmed confirmed = confirmation(transaction, "50.00");
        send(confirmed);
        send(confirmed);

        List<PayoutDue> payouts = await().atMost(PATIENCE)
            .until(() -> driver.payoutsTo(publisher), found -> !found.isEmpty());
        LedgerEntry release = driver.entries("gateway-confirmed:" + held.entryId()).get(0);
        assertThat(release.rule()).isEqualTo("GATEWAY_CONFIRMED");
        assertThat(release.resolves()).isEqualTo(held.entryId());
        assertThat(release.publisherPayout()).hasToString("75.00 BRL");
        assertThat(release.revenue().isZero()).as("the revenue was recorded when the deposit qualified").isTrue();
        assertThat(release.inputs()).containsEntry("gateway_confirmed_amount", "50.00 BRL");
        assertThat(payouts.get(0).getEventId()).isEqualTo("payout:" + release.entryId());
        assertThat(payouts.get(0).getPayout()).isEqualTo(money("75.00", "BRL"));
        assertThat(ledger.awaitingDecision(offer, publisher, null, 10)).isEmpty();
        assertThat(get("/publishers/" + publisher + "/users/end-user/points").get("points").decimalValue())
            .isEqualByComparingTo("75.00");
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE)
            .until(() -> driver.payoutsTo(publisher).size() == 1);
    }

    @Test
    void aDepositTheGatewayConfirmedBeforeItQualifiedIsPaidAtOnce() {
        String offer = offer(true);
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        String player = uniqueId("player");
        String transaction = uniqueId("TXN");
        send(confirmation(transaction, "50.00"));
        driver.process(conversion(offer, publisher, player, ConversionKind.REGISTRATION, null, null));
        awaitStored(transaction);

        LedgerEntry paid = driver.main(conversion(offer, publisher, player, ConversionKind.FTD, "50.00", transaction));

        assertThat(paid.inputs()).containsEntry("gateway_confirmed_amount", "50.00 BRL");
        assertThat(paid.publisherPayout()).hasToString("75.00 BRL");
        assertThat(paid.heldPayout()).isNull();
    }

    @Test
    void gatewayHoldConfirmedByAnOperatorPaysAHeldPayoutTheGatewayNeverConfirmed() {
        String offer = offer(true);
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        String player = uniqueId("player");
        driver.process(conversion(offer, publisher, player, ConversionKind.REGISTRATION, null, null));
        LedgerEntry held = driver.main(conversion(offer, publisher, player, ConversionKind.FTD, "50.00",
                uniqueId("TXN")));
        String other = uniqueId("another-TXN");
        send(confirmation(other, "50.00"));
        awaitStored(other);

        assertThat(ledger.awaitingDecision(offer, publisher, null, 10)).extracting(LedgerEntry::entryId)
            .containsExactly(held.entryId());
        LedgerEntry confirmed = heldPayouts.confirm(held.entryId());
        assertThat(confirmed.rule()).isEqualTo("GATEWAY_HOLD_CONFIRMED");
        assertThat(confirmed.resolves()).isEqualTo(held.entryId());
        assertThat(confirmed.isReversal()).isFalse();
        assertThat(confirmed.revenue().isZero()).isTrue();
        assertThat(confirmed.publisherPayout()).hasToString("75.00 BRL");
    }

    @Test
    void gatewayHoldRejectedReversesTheCpaRevenueAndPaysNothingEvenWhenTheGatewayConfirmsLater() {
        String offer = offer(true);
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        String player = uniqueId("player");
        String transaction = uniqueId("TXN");
        driver.process(conversion(offer, publisher, player, ConversionKind.REGISTRATION, null, null));
        LedgerEntry held = driver.main(conversion(offer, publisher, player, ConversionKind.FTD, "50.00",
                transaction));

        ServiceHttp.Answer answer = manager().post("/ledger/entries/" + held.entryId() + "/reject", null);
        ServiceHttp.Answer again = manager().post("/ledger/entries/" + held.entryId() + "/reject", null);
        ServiceHttp.Answer confirmAfter = manager().post("/ledger/entries/" + held.entryId() + "/confirm", null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode rejection = answer.json();
        assertThat(rejection.get("rule").asString()).isEqualTo("GATEWAY_HOLD_REJECTED");
        assertThat(rejection.get("reverses").asString()).isEqualTo(held.entryId());
        assertThat(rejection.get("resolves").asString()).isEqualTo(held.entryId());
        assertThat(rejection.get("revenue").get("amount").asString()).isEqualTo("-150.00");
        assertThat(rejection.get("publisher_payout").get("amount").asString()).isEqualTo("0.00");
        assertThat(rejection.get("inputs").get("reversed_rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(again.json().get("entry_id").asString())
            .as("rejecting again answers the rejection").isEqualTo(rejection.get("entry_id").asString());
        assertThat(confirmAfter.status()).isEqualTo(409);
        assertThat(jdbc.sql("select sum(revenue) from ledger_entries where offer_id = :offer")
            .param("offer", offer).query(java.math.BigDecimal.class).single())
            .as("the rejected qualification earns the casino's money no more").isEqualByComparingTo("0");
        assertThat(ledger.awaitingDecision(offer, publisher, null, 10)).isEmpty();

        send(confirmation(transaction, "50.00"));
        awaitStored(transaction);
        assertThat(driver.entries("gateway-confirmed:" + held.entryId())).as("a rejection is final").isEmpty();
        assertThat(driver.payoutsTo(publisher)).isEmpty();
    }

    @Test
    void withoutTheSettingTheCpaIsPaidWhenTheDepositQualifies() {
        String offer = offer(false);
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        String player = uniqueId("player");
        driver.process(conversion(offer, publisher, player, ConversionKind.REGISTRATION, null, null));

        LedgerEntry paid = driver.main(conversion(offer, publisher, player, ConversionKind.FTD, "50.00",
                uniqueId("TXN")));

        assertThat(paid.publisherPayout()).hasToString("75.00 BRL");
        assertThat(paid.heldPayout()).isNull();
    }

    private String offer(boolean cpaRequiresConfirmation) {
        return driver.offer(uniqueId("cpa"), deal(1, LONG_AGO, "BRL").setCpaAmount("150").setMinDeposit("10")
            .setCpaRequiresConfirmation(cpaRequiresConfirmation).build());
    }

    private static AttributedConversion conversion(String offer, String publisher, String player,
            ConversionKind kind, String amount, String transaction) {
        return attributed(offer, publisher, reported(kind, ConversionStatus.APPROVED).setPlayerId(player)
            .setAmount(amount == null ? null : money(amount, "BRL"))
            .setFirstDeposit(kind == ConversionKind.FTD ? Boolean.TRUE : null)
            .setTransactionId(transaction)
            .setConversionId(transaction == null ? null : "deposit:" + transaction)
            .build()).setTracking(Tracking.newBuilder().setSub1("end-user").build()).build();
    }

    private void awaitStored(String transaction) {
        await().atMost(PATIENCE).until(() -> jdbc.sql(
                "select count(*) from purchase_confirmations where transaction_id = :id")
            .param("id", transaction)
            .query(Long.class)
            .single() == 1);
    }

    private static PurchaseConfirmed confirmation(String transaction, String amount) {
        return PurchaseConfirmed.newBuilder()
            .setEventId("purchase-confirmed:" + transaction)
            .setTransactionId(transaction)
            .setAmount(money(amount, "BRL"))
            .setProcessedAt(Instant.parse("2026-01-01T10:00:00Z"))
            .setAnnouncedAt(Instant.now())
            .build();
    }

    private void send(PurchaseConfirmed confirmed) {
        try {
            kafka.send(Topics.PURCHASE_CONFIRMATIONS.name(), confirmed.getTransactionId(), confirmed).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        ServiceHttp.Answer response = manager().get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private ServiceHttp manager() {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.MANAGER));
    }
}
