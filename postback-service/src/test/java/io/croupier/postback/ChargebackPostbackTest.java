package io.croupier.postback;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chargeback in each inbound family where it fits: it carries the identity of the deposit it takes back, so
 * commission-service finds that deposit, and is a fact of its own, deduplicated like every other postback.
 */
class ChargebackPostbackTest extends PostbackServiceTest {

    @Test
    void aGamingChargebackWebhookTakesBackTheDepositOfItsTransactionOnce() {
        TestOffer casino = offer(unique("casino_pro"), "USD");
        String user = unique("user");
        String tx = unique("tx");
        Answer deposit = postJson("/webhooks/gaming/deposit", """
                {"user_id":"%s","amount":100.00,"currency":"USD","transaction_id":"%s","platform":"%s"}"""
            .formatted(user, tx, casino.houseSlug()));
        String chargeback = """
                {"user_id":"%s","transaction_id":"%s","amount":100.00,"currency":"USD","platform":"%s",
                 "reason":"fraudulent_card","timestamp":"2025-12-20T10:00:00Z"}""".formatted(user, tx,
                casino.houseSlug());

        Answer first = postJson("/webhooks/gaming/chargeback", chargeback);
        Answer repeat = postJson("/webhooks/gaming/chargeback", chargeback);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        ConversionReported event = delivered(first.logId());
        assertThat(event.getKind()).isEqualTo(ConversionKind.CHARGEBACK);
        assertThat(event.getStatus()).isEqualTo(ConversionStatus.APPROVED);
        assertThat(event.getConversionId()).isEqualTo(delivered(deposit.logId()).getConversionId())
            .isEqualTo("deposit:" + tx);
        assertThat(event.getPlayerId()).isEqualTo(user);
        assertThat(event.getAmount().getAmount()).isEqualTo("100.00");
        assertThat(event.getReason()).isEqualTo("fraudulent_card");
        assertThat(event.getOrderKey()).as("the deposit's partition, so it comes after it")
            .isEqualTo(delivered(deposit.logId()).getOrderKey());
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("duplicate").asBoolean()).isTrue();
        assertThat(repeat.body().get("postback_triggered").asBoolean()).isFalse();
        assertThat(logRow(repeat.logId()).outcome()).isEqualTo("DUPLICATE");
    }

    @Test
    void aHouseChargebackNamesTheDisputedDepositsTransaction() {
        TestOffer house = offer(unique("brazino"), "BRL");
        String affiliate = unique("joao");
        publishPublisher(affiliate);
        String tx = unique("tx");
        Answer deposit = get("/api/postback/" + house.houseSlug() + "/deposit?subid=" + affiliate
                + "&amount=50&transaction_id=" + tx);

        Answer withoutTransaction = get("/api/postback/" + house.houseSlug() + "/chargeback?subid=" + affiliate
                + "&amount=50");
        Answer chargeback = get("/api/postback/" + house.houseSlug() + "/chargeback?subid=" + affiliate
                + "&amount=50&transaction_id=" + tx);

        assertThat(withoutTransaction.status()).isEqualTo(400);
        assertThat(withoutTransaction.body().get("error").asString()).contains("transaction_id");
        assertThat(chargeback.status()).as(chargeback.text()).isEqualTo(200);
        assertThat(chargeback.body().get("event").asString()).isEqualTo("chargeback");
        ConversionReported event = delivered(chargeback.logId());
        assertThat(event.getKind()).isEqualTo(ConversionKind.CHARGEBACK);
        assertThat(event.getConversionId()).isEqualTo(delivered(deposit.logId()).getConversionId());
        assertThat(event.getAmount().getAmount()).isEqualTo("50");
        assertThat(event.getAmount().getCurrency()).isEqualTo("BRL");
    }

    @Test
    void aPartnerChargebackStatusTakesBackTheConversionOfItsTransaction() {
        TestOffer network = offer(null, "USD");
        String tx = unique("TXN");
        String click = unique("CLK");
        Answer approved = get("/postback/" + network.partnerKey() + "?click_id=" + click
                + "&status=approved&payout=5.00&transaction_id=" + tx);

        Answer withoutTransaction = get("/postback/" + network.partnerKey() + "?click_id=" + click
                + "&status=chargeback&payout=5.00");
        Answer chargeback = get("/postback/" + network.partnerKey() + "?click_id=" + click
                + "&status=chargeback&payout=5.00&transaction_id=" + tx);
        Answer repeat = get("/postback/" + network.partnerKey() + "?click_id=" + click
                + "&status=chargeback&payout=5.00&transaction_id=" + tx);

        assertThat(withoutTransaction.status()).isEqualTo(400);
        assertThat(chargeback.status()).as(chargeback.text()).isEqualTo(200);
        ConversionReported event = delivered(chargeback.logId());
        assertThat(event.getKind()).isEqualTo(ConversionKind.CHARGEBACK);
        assertThat(event.getStatus()).isEqualTo(ConversionStatus.APPROVED);
        assertThat(event.getConversionId()).isEqualTo(delivered(approved.logId()).getConversionId());
        assertThat(event.getAmount().getAmount()).isEqualTo("5.00");
        assertThat(event.getReportedPayout()).isNull();
        assertThat(repeat.body().get("duplicate").asBoolean()).isTrue();
    }
}
